import CanonicalJSON

/// Create Term Definition steps 20 to 26: container, index, language, direction, nest, prefix.
extension TermDefinitionBuilder {
    mutating func readContainerAndIndex(_ term: String, object: JSONObject, into definition: inout TermDefinition)
        throws(LinkedDataError)
    {
        let isJSONLD10 = processor.options.isJSONLD10
        if let container = object["@container"] {
            let values: [String]
            switch container {
            case .string(let keyword): values = [keyword]
            case .array(let elements) where !isJSONLD10:
                var keywords: [String] = []
                for element in elements {
                    guard case .string(let keyword) = element else {
                        throw .jsonLD(.invalidContainerMapping, "@container of \(term) must hold strings")
                    }
                    keywords.append(keyword)
                }
                values = keywords
            default: throw .jsonLD(.invalidContainerMapping, "@container of \(term) must be a keyword or an array of keywords")
            }
            guard Self.isValidContainer(values) else {
                throw .jsonLD(.invalidContainerMapping, "\(values) is not a valid @container for \(term)")
            }
            if isJSONLD10, values.contains(where: { ["@graph", "@id", "@type"].contains($0) }) {
                throw .jsonLD(.invalidContainerMapping, "\(values) is not allowed in json-ld-1.0 mode")
            }
            definition.containerMapping = values
            if values.contains("@type") {
                if definition.typeMapping == nil { definition.typeMapping = "@id" }
                guard definition.typeMapping == "@id" || definition.typeMapping == "@vocab" else {
                    throw .jsonLD(.invalidTypeMapping, "a @type container needs @type @id or @vocab")
                }
            }
        }
        if let index = object["@index"] {
            guard !isJSONLD10, definition.hasContainer("@index") else {
                throw .jsonLD(.invalidTermDefinition, "@index needs an @index container")
            }
            guard case .string(let indexTerm) = index, let expanded = try expandIRI(indexTerm, vocab: true),
                IRIResolver.isAbsolute(expanded)
            else { throw .jsonLD(.invalidTermDefinition, "@index of \(term) must expand to an IRI") }
            definition.indexMapping = indexTerm
        }
    }

    /// The container combinations the JSON-LD 1.1 grammar allows.
    private static func isValidContainer(_ values: [String]) -> Bool {
        let set = Set(values)
        guard set.count == values.count, !set.isEmpty else { return false }
        let singles: Set<String> = ["@graph", "@id", "@index", "@language", "@list", "@set", "@type"]
        if values.count == 1 { return singles.contains(values[0]) }
        if set.contains("@list") { return false }
        if set.contains("@graph") {
            return set.isSubset(of: ["@graph", "@id", "@set"]) || set.isSubset(of: ["@graph", "@index", "@set"])
        }
        return set.contains("@set") && set.count == 2 && set.isSubset(of: ["@set", "@index", "@id", "@type", "@language"])
    }

    mutating func readLanguageDirectionNestPrefix(_ term: String, object: JSONObject, into definition: inout TermDefinition)
        throws(LinkedDataError)
    {
        let isJSONLD10 = processor.options.isJSONLD10
        if let language = object["@language"], object["@type"] == nil {
            switch language {
            case .null: definition.languageMapping = .some(nil)
            case .string(let tag): definition.languageMapping = .some(tag.lowercased())
            default: throw .jsonLD(.invalidLanguageMapping, "@language of \(term) must be a string or null")
            }
        }
        if let direction = object["@direction"], object["@type"] == nil {
            switch direction {
            case .null: definition.directionMapping = .some(nil)
            case .string("ltr"), .string("rtl"): definition.directionMapping = .some(direction.stringValue)
            default: throw .jsonLD(.invalidBaseDirection, "@direction of \(term) must be \"ltr\", \"rtl\" or null")
            }
        }
        if let nest = object["@nest"] {
            if isJSONLD10 { throw .jsonLD(.invalidTermDefinition, "@nest is not allowed in json-ld-1.0 mode") }
            guard case .string(let nestValue) = nest, nestValue == "@nest" || !Keywords.all.contains(nestValue) else {
                throw .jsonLD(.invalidNestValue, "@nest of \(term) must be a term or @nest")
            }
            definition.nestValue = nestValue
        }
        if let prefix = object["@prefix"] {
            if isJSONLD10 || term.utf8.contains(UInt8(ascii: ":")) || term.utf8.contains(UInt8(ascii: "/")) {
                throw .jsonLD(.invalidTermDefinition, "@prefix is not allowed on \(term)")
            }
            guard case .bool(let flag) = prefix else { throw .jsonLD(.invalidPrefixValue, "@prefix must be a boolean") }
            definition.isPrefix = flag
            if flag, let iri = definition.iriMapping, Keywords.all.contains(iri) {
                throw .jsonLD(.invalidTermDefinition, "a keyword alias cannot be a prefix")
            }
        }
    }
}
