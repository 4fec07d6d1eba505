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
