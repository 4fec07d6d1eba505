import CanonicalJSON

/// Step 13.4 of the Expansion Algorithm: members whose key expands to a keyword.
extension ObjectExpansion {
    mutating func expandKeyword(_ keyword: String, value: JSONValue) throws(LinkedDataError) {
        if activeProperty == "@reverse" {
            throw .jsonLD(.invalidReversePropertyMap, "a @reverse map cannot contain keywords")
        }
        if result[keyword] != nil, isJSONLD10 || (keyword != "@included" && keyword != "@type") {
            throw .jsonLD(.collidingKeywords, "\(keyword) appears more than once")
        }
        var expandedValue: JSONValue?
        switch keyword {
        case "@id":
            guard case .string(let id) = value else { throw .jsonLD(.invalidIdValue, "@id must be a string") }
            let expandedID = activeContext.expandIRI(id, documentRelative: true)
            try expander.checkIdentifier(id, expandedTo: expandedID, what: "the id")
            expandedValue = expandedID.map(JSONValue.string) ?? .null
        case "@type":
            expandedValue = try expandType(value)
        case "@graph":
            expandedValue = .array(try expand(value, context: activeContext, property: "@graph")?.asArray ?? [])
        case "@included":
            if isJSONLD10 { return }
            guard value.asArray.allSatisfy({ $0.objectValue != nil }) else {
                throw .jsonLD(.invalidIncludedValue, "@included must hold node objects")
            }
            guard let expandedIncluded = try expand(value, context: activeContext, property: activeProperty) else {
                throw .jsonLD(.invalidIncludedValue, "@included must hold node objects")
            }
            let included = expandedIncluded.asArray
            for item in included {
                guard case .object(let node) = item, node["@value"] == nil, node["@list"] == nil, node["@set"] == nil else {
                    throw .jsonLD(.invalidIncludedValue, "@included must hold node objects")
                }
            }
            expandedValue = .array((result["@included"]?.asArray ?? []) + included)
            result["@included"] = nil
        case "@value":
            if inputType == "@json" {
                if isJSONLD10 { throw .jsonLD(.invalidValueObjectValue, "@json is not allowed in json-ld-1.0 mode") }
                expandedValue = value
            } else {
                switch value {
                case .array, .object: throw .jsonLD(.invalidValueObjectValue, "@value must be a scalar or null")
                default: expandedValue = value
                }
            }
            result["@value"] = expandedValue
            return
        case "@language":
            guard case .string(let language) = value else {
                throw .jsonLD(.invalidLanguageTaggedString, "@language must be a string")
            }
            expandedValue = .string(language.lowercased())
        case "@direction":
            if isJSONLD10 { return }
            guard value == "ltr" || value == "rtl" else { throw .jsonLD(.invalidBaseDirection, "@direction must be ltr or rtl") }
            expandedValue = value
        case "@index":
            guard case .string = value else { throw .jsonLD(.invalidIndexValue, "@index must be a string") }
            expandedValue = value
        case "@list":
            if activeProperty == nil || activeProperty == "@graph" { return }
            expandedValue = .array(try expand(value, context: activeContext, property: activeProperty)?.asArray ?? [])
        case "@set":
            expandedValue = try expand(value, context: activeContext, property: activeProperty)
        case "@reverse":
            try expandReverse(value)
            return
        default:
            // Framing keywords and @context (handled earlier) do not occur in expanded output.
            return
        }
        if let expandedValue { result[keyword] = expandedValue }
    }

    private func expandType(_ value: JSONValue) throws(LinkedDataError) -> JSONValue {
        var types: [JSONValue] = []
        for item in value.asArray {
            guard case .string(let type) = item else {
                throw .jsonLD(.invalidTypeValue, "@type must be a string or an array of strings")
            }
            let expandedType = typeScopedContext.expandIRI(type, documentRelative: true, vocab: true)
            try expander.checkIdentifier(type, expandedTo: expandedType, what: "the type")
            types.append(expandedType.map(JSONValue.string) ?? .null)
        }
        if case .object = value { throw .jsonLD(.invalidTypeValue, "@type must be a string or an array of strings") }
        if let existing = result["@type"] { return .array(existing.asArray + types) }
        if case .array = value { return .array(types) }
        return types[0]
    }

    private mutating func expandReverse(_ value: JSONValue) throws(LinkedDataError) {
        guard case .object = value else { throw .jsonLD(.invalidReverseValue, "@reverse must be an object") }
        guard case .object(let expanded) = try expand(value, context: activeContext, property: "@reverse") else { return }
        if case .object(let reversed) = expanded["@reverse"] {
            for (property, items) in reversed { try append(items, to: property, in: &result) }
        }
        var reverseMap = result["@reverse"]?.objectValue ?? JSONObject()
        for (property, items) in expanded where property != "@reverse" {
            for item in items.asArray {
                if Self.isValueObject(item) || Self.isListObject(item) {
                    throw .jsonLD(.invalidReversePropertyValue, "a reverse property cannot hold values or lists")
                }
                try append(item, to: property, in: &reverseMap)
            }
        }
        if !reverseMap.isEmpty { result["@reverse"] = .object(reverseMap) }
    }
}
