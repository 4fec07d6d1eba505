/// A node or value in an RDF quad: an IRI, a blank node or a literal.
public enum RDFTerm: Sendable, Hashable {
    /// An absolute IRI, without angle brackets.
    case iri(String)
    /// A blank node, by its label without the `_:` prefix.
    case blankNode(String)
    /// A literal.
    case literal(RDFLiteral)

    /// The blank node label, if this is a blank node.
    public var blankNodeLabel: String? {
        if case .blankNode(let label) = self { return label }
        return nil
    }
}

/// An RDF literal: a lexical form with a datatype IRI and, for `rdf:langString`, a language tag.
public struct RDFLiteral: Sendable, Hashable {
    /// The lexical form.
    public var value: String
    /// The datatype IRI; `rdf:langString` when a language tag is present.
    public var datatype: String
    /// The language tag, if any.
    public var language: String?

    /// A literal; `datatype` defaults to `xsd:string`, or `rdf:langString` when `language` is set.
    public init(_ value: String, datatype: String? = nil, language: String? = nil) {
        self.value = value
        self.language = language
        self.datatype = datatype ?? (language == nil ? RDFVocabulary.xsdString : RDFVocabulary.langString)
    }
}

/// IRIs of the RDF and XSD vocabularies that JSON-LD and RDFC use.
public enum RDFVocabulary {
    /// `rdf:` namespace.
    public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    /// `xsd:` namespace.
    public static let xsd = "http://www.w3.org/2001/XMLSchema#"
    /// `rdf:type`.
    public static let type = rdf + "type"
    /// `rdf:first`.
    public static let first = rdf + "first"
    /// `rdf:rest`.
    public static let rest = rdf + "rest"
    /// `rdf:nil`.
    public static let `nil` = rdf + "nil"
    /// `rdf:langString`.
    public static let langString = rdf + "langString"
    /// `rdf:JSON`.
    public static let json = rdf + "JSON"
    /// `rdf:value`.
    public static let value = rdf + "value"
    /// `rdf:direction`.
    public static let direction = rdf + "direction"
    /// `rdf:language`.
    public static let language = rdf + "language"
    /// `xsd:string`.
    public static let xsdString = xsd + "string"
    /// `xsd:boolean`.
    public static let xsdBoolean = xsd + "boolean"
    /// `xsd:integer`.
    public static let xsdInteger = xsd + "integer"
    /// `xsd:double`.
    public static let xsdDouble = xsd + "double"
}

extension RDFTerm {
    /// Terms are equal when their kind and code points are equal (not merely canonically equivalent).
    public static func == (lhs: RDFTerm, rhs: RDFTerm) -> Bool {
        switch (lhs, rhs) {
        case (.iri(let left), .iri(let right)), (.blankNode(let left), .blankNode(let right)):
            return ExactString(left) == ExactString(right)
        case (.literal(let left), .literal(let right)):
            return left == right
        default:
            return false
        }
    }

    /// Hashes the kind and the UTF-8 bytes.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .iri(let iri):
            hasher.combine(0)
            hasher.combine(ExactString(iri))
        case .blankNode(let label):
            hasher.combine(1)
            hasher.combine(ExactString(label))
        case .literal(let literal):
            hasher.combine(2)
            hasher.combine(literal)
        }
    }
}

extension RDFLiteral {
    /// Literals are equal when lexical form, datatype and language have the same code points.
    public static func == (lhs: RDFLiteral, rhs: RDFLiteral) -> Bool {
        ExactString(lhs.value) == ExactString(rhs.value) && ExactString(lhs.datatype) == ExactString(rhs.datatype)
            && lhs.language.map(ExactString.init) == rhs.language.map(ExactString.init)
    }

    /// Hashes the UTF-8 bytes of each part.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ExactString(value))
        hasher.combine(ExactString(datatype))
        hasher.combine(language.map(ExactString.init))
    }
}
