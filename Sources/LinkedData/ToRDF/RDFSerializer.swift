import CanonicalJSON

/// Deserialize JSON-LD to RDF (JSON-LD 1.1 API §8.1): node map → quads.
struct RDFSerializer {
    let options: JSONLDOptions
    var issuer: BlankNodeIssuer
    private(set) var dataset = RDFDataset()

    init(options: JSONLDOptions, issuer: BlankNodeIssuer) {
        self.options = options
        self.issuer = issuer
    }

    mutating func serialize(_ graphs: [ExactString: [ExactString: NodeMapNode]]) {
        for graphKey in graphs.keys.sorted(by: { Expander.codePointOrder($0.value, $1.value) }) {
            let graphName = graphKey.value
            let graphTerm: RDFTerm?
            if graphName == "@default" {
                graphTerm = nil
            } else if let term = Self.nodeTerm(graphName) {
                graphTerm = term
            } else {
                continue
            }
            let graph = graphs[graphKey]!
            for subjectKey in graph.keys.sorted(by: { Expander.codePointOrder($0.value, $1.value) }) {
                guard let subject = Self.nodeTerm(subjectKey.value) else { continue }
                let node = graph[subjectKey]!
                for type in node.types {
                    guard let object = Self.nodeTerm(type) else { continue }
                    dataset.insert(Quad(subject: subject, predicate: .iri(RDFVocabulary.type), object: object, graph: graphTerm))
                }
                for propertyKey in node.properties.keys.sorted(by: { Expander.codePointOrder($0.value, $1.value) }) {
                    let property = propertyKey.value
                    if Keywords.all.contains(property) { continue }
                    guard let predicate = Self.nodeTerm(property) else { continue }
                    if case .blankNode = predicate, !options.produceGeneralizedRdf { continue }
                    var items = node.properties[propertyKey]!
                    if options.rdfDirection == .compoundLiteral {
                        // Each compound literal is a fresh blank node, so duplicate values (which the
                        // node map keeps) must be dropped here; quadratic, but only in this optional mode.
                        var unique: [JSONValue] = []
                        for item in items where !unique.contains(where: { $0.isExactlyEqual(to: item) }) { unique.append(item) }
                        items = unique
                    }
                    for item in items {
                        var listQuads: [(RDFTerm, RDFTerm, RDFTerm)] = []
                        if let object = objectTerm(item, listTriples: &listQuads) {
                            dataset.insert(Quad(subject: subject, predicate: predicate, object: object, graph: graphTerm))
                        }
                        for (listSubject, listPredicate, listObject) in listQuads {
                            dataset.insert(Quad(subject: listSubject, predicate: listPredicate, object: listObject, graph: graphTerm))
                        }
                    }
                }
            }
        }
    }

    /// Object to RDF Conversion (§8.2).
    private mutating func objectTerm(_ item: JSONValue, listTriples: inout [(RDFTerm, RDFTerm, RDFTerm)]) -> RDFTerm? {
        guard case .object(let object) = item else { return nil }
        if let list = object["@list"] {
            return listTerm(list.asArray, triples: &listTriples)
        }
        guard let value = object["@value"] else {
            guard case .string(let id) = object["@id"] else { return nil }
            return Self.nodeTerm(id)
        }
        var datatype = object["@type"]?.stringValue
        if let datatype, datatype != "@json", !Self.isWellFormedIRI(datatype) { return nil }
        let language = object["@language"]?.stringValue
        if let language, !Self.isWellFormedLanguage(language) { return nil }
        var lexical: String
        if datatype == "@json" {
            lexical = value.canonicalString
            datatype = RDFVocabulary.json
        } else {
            switch value {
            case .bool(let flag):
                lexical = flag ? "true" : "false"
                datatype = datatype ?? RDFVocabulary.xsdBoolean
            case .number(let number):
                if number.rounded() != number || abs(number) >= 1e21 || datatype == RDFVocabulary.xsdDouble {
                    lexical = NumberFormatting.canonicalDouble(number)
                    datatype = datatype ?? RDFVocabulary.xsdDouble
                } else {
                    lexical = NumberFormatting.canonicalInteger(number)
                    datatype = datatype ?? RDFVocabulary.xsdInteger
                }
            case .string(let text):
                lexical = text
            default:
                return nil
            }
        }
        if let direction = object["@direction"]?.stringValue, let mode = options.rdfDirection, datatype == nil {
            switch mode {
            case .i18nDatatype:
                return .literal(
                    RDFLiteral(lexical, datatype: "https://www.w3.org/ns/i18n#" + (language?.lowercased() ?? "") + "_" + direction))
            case .compoundLiteral:
                let node = RDFTerm.blankNode(String(issuer.fresh().dropFirst(2)))
                listTriples.append((node, .iri(RDFVocabulary.value), .literal(RDFLiteral(lexical))))
                if let language { listTriples.append((node, .iri(RDFVocabulary.language), .literal(RDFLiteral(language.lowercased())))) }
                listTriples.append((node, .iri(RDFVocabulary.direction), .literal(RDFLiteral(direction))))
                return node
            }
        }
        if let datatype { return .literal(RDFLiteral(lexical, datatype: datatype)) }
        return .literal(RDFLiteral(lexical, language: language))
    }

    /// List Conversion (§8.3): an `rdf:first`/`rdf:rest` chain.
    private mutating func listTerm(_ items: [JSONValue], triples: inout [(RDFTerm, RDFTerm, RDFTerm)]) -> RDFTerm {
        guard !items.isEmpty else { return .iri(RDFVocabulary.nil) }
        let nodes = items.map { _ in RDFTerm.blankNode(String(issuer.fresh().dropFirst(2))) }
        for (offset, item) in items.enumerated() {
            var nested: [(RDFTerm, RDFTerm, RDFTerm)] = []
            if let object = objectTerm(item, listTriples: &nested) {
                triples.append((nodes[offset], .iri(RDFVocabulary.first), object))
            }
            triples.append(contentsOf: nested)
            let rest = offset + 1 < nodes.count ? nodes[offset + 1] : .iri(RDFVocabulary.nil)
            triples.append((nodes[offset], .iri(RDFVocabulary.rest), rest))
        }
        return nodes[0]
    }

    /// An identifier as an RDF term; `nil` when it is neither a blank node nor a well-formed IRI.
    static func nodeTerm(_ identifier: String) -> RDFTerm? {
        if IRIResolver.isBlankNode(identifier) { return .blankNode(String(identifier.dropFirst(2))) }
        return isWellFormedIRI(identifier) ? .iri(identifier) : nil
    }

    /// An absolute IRI without the characters RFC 3987 excludes (spaces, controls, `<>"{}|\\^` and
    /// backtick) and with at most one `#`.
    static func isWellFormedIRI(_ value: String) -> Bool {
        guard IRIResolver.isAbsolute(value) else { return false }
        var fragmentMarks = 0
        for byte in value.utf8 {
            switch byte {
            case 0x00...0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "}"),
                UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "`"):
                return false
            case UInt8(ascii: "#"):
                fragmentMarks += 1
                if fragmentMarks > 1 { return false }
            default: continue
            }
        }
        return true
    }

    static func isWellFormedLanguage(_ value: String) -> Bool {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (1...8).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }
}
