import CanonicalJSON

/// Step 13 and 14 of the Expansion Algorithm: the members of one JSON object, including those
/// found through `@nest`.
struct ObjectExpansion {
    let expander: Expander
    var activeContext: ActiveContext
    let typeScopedContext: ActiveContext
    let activeProperty: String?
    let inputType: String?
    let baseURL: String?
    let depth: Int
    var result = JSONObject()

    init(
        expander: Expander, activeContext: ActiveContext, typeScopedContext: ActiveContext, activeProperty: String?, inputType: String?,
        baseURL: String?, depth: Int
    ) {
        self.expander = expander
        self.activeContext = activeContext
        self.typeScopedContext = typeScopedContext
        self.activeProperty = activeProperty
        self.inputType = inputType
        self.baseURL = baseURL
        self.depth = depth
    }

    var isJSONLD10: Bool { expander.isJSONLD10 }

    mutating func expandMembers(of element: JSONObject, sortedKeys: [String]) throws(LinkedDataError) {
        var nests: [String] = []
        for key in sortedKeys where key != "@context" {
            let value = element[key]!
            let expandedProperty = activeContext.expandIRI(key, vocab: true)
            do throws(LinkedDataError) {
                // JSON-LD drops a term no context defines (and toRdf one that is no IRI); in safe
                // mode that is an error, because whatever it says would be neither canonicalized nor signed.
                try expander.checkProperty(key, expandedTo: expandedProperty)
                guard let expandedProperty,
                    expandedProperty.utf8.contains(UInt8(ascii: ":")) || Keywords.all.contains(expandedProperty)
                else { continue }
                if Keywords.all.contains(expandedProperty) {
                    if expandedProperty == "@nest" {
                        nests.append(key)
                        continue
                    }
                    try expandKeyword(expandedProperty, value: value)
                    continue
                }
                try expandProperty(key, expandedProperty: expandedProperty, value: value)
            } catch {
                throw error.inside(member: key)
            }
        }
        for nestingKey in nests.sorted(by: Expander.codePointOrder) {
            // Steps 3 and 8 again: a nesting term may carry its own property-scoped context.
            var nestedExpansion = self
            if let definition = activeContext.terms[nestingKey], let scoped = definition.context {
                nestedExpansion.activeContext = try expander.contexts.process(
                    activeContext, localContext: scoped, baseURL: definition.baseURL, overrideProtected: true,
                    scopedFrom: (activeContext, nestingKey))
            }
            for nested in element[nestingKey]!.asArray {
                guard case .object(let nestedObject) = nested,
                    !nestedObject.keys.contains(where: { nestedExpansion.activeContext.expandIRI($0, vocab: true) == "@value" })
                else { throw .jsonLD(.invalidNestValue, "@nest must hold node objects") }
                nestedExpansion.result = result
                do throws(LinkedDataError) {
                    try nestedExpansion.expandMembers(of: nestedObject, sortedKeys: nestedObject.keys.sorted(by: Expander.codePointOrder))
                } catch {
                    throw error.inside(member: nestingKey)
                }
                result = nestedExpansion.result
            }
        }
    }

    func expand(_ value: JSONValue, context: ActiveContext, property: String?, fromMap: Bool = false) throws(LinkedDataError)
        -> JSONValue?
    {
        try expander.expand(value, activeContext: context, activeProperty: property, baseURL: baseURL, fromMap: fromMap, depth: depth + 1)
    }

    /// Step 13.5 onward: a member whose key expands to an IRI.
    private mutating func expandProperty(_ key: String, expandedProperty: String, value: JSONValue) throws(LinkedDataError) {
        let definition = activeContext.terms[key]
        let container = definition?.containerMapping ?? []
        var expandedValue: JSONValue?
        if definition?.typeMapping == "@json" {
            expandedValue = ["@value": value, "@type": "@json"]
        } else if container.contains("@language"), case .object(let languageMap) = value {
            expandedValue = try expandLanguageMap(languageMap, definition: definition)
        } else if container.contains(where: { ["@index", "@type", "@id"].contains($0) }), case .object(let map) = value {
            expandedValue = try expandIndexMap(map, key: key, container: container, definition: definition)
        } else {
            expandedValue = try expand(value, context: activeContext, property: key)
        }
        guard var expandedValue else { return }
        if container.contains("@list"), !Self.isListObject(expandedValue) {
            expandedValue = ["@list": .array(expandedValue.asArray)]
        }
        if container.contains("@graph"), !container.contains("@id"), !container.contains("@index") {
            expandedValue = .array(expandedValue.asArray.map { ["@graph": .array($0.asArray)] })
        }
        if definition?.isReverseProperty == true {
            var reverseMap = result["@reverse"]?.objectValue ?? JSONObject()
            for item in expandedValue.asArray {
                if Self.isValueObject(item) || Self.isListObject(item) {
                    throw .jsonLD(.invalidReversePropertyValue, "a reverse property cannot hold values or lists")
                }
                try append(item, to: expandedProperty, in: &reverseMap)
            }
            result["@reverse"] = .object(reverseMap)
        } else {
            try append(expandedValue, to: expandedProperty, in: &result)
        }
    }

    /// Step 13.7: a language map.
    private func expandLanguageMap(_ map: JSONObject, definition: TermDefinition?) throws(LinkedDataError) -> JSONValue {
        var expanded: [JSONValue] = []
        let direction = definition?.directionMapping ?? activeContext.defaultBaseDirection
        for language in map.keys.sorted(by: Expander.codePointOrder) {
            for item in map[language]!.asArray {
                if item == .null { continue }
                guard case .string = item else {
                    throw .jsonLD(.invalidLanguageMapValue, "the values of a language map must be strings")
                }
                var valueObject: JSONObject = ["@value": item]
                if language != "@none", activeContext.expandIRI(language, vocab: true) != "@none" {
                    valueObject["@language"] = .string(language.lowercased())
                }
                if let direction { valueObject["@direction"] = .string(direction) }
                try expander.checkValueObject(valueObject)
                expanded.append(.object(valueObject))
            }
        }
        return .array(expanded)
    }

    /// Step 13.8: an index, id or type map.
    private func expandIndexMap(_ map: JSONObject, key: String, container: [String], definition: TermDefinition?) throws(LinkedDataError)
        -> JSONValue
    {
        let indexKey = definition?.indexMapping ?? "@index"
        var expanded: [JSONValue] = []
        for index in map.keys.sorted(by: Expander.codePointOrder) {
            var mapContext = activeContext
            if container.contains("@type") {
                mapContext = activeContext.previousContext?.context ?? activeContext
                if let indexDefinition = mapContext.terms[index], let scoped = indexDefinition.context {
                    mapContext = try expander.contexts.process(
                        mapContext, localContext: scoped, baseURL: indexDefinition.baseURL, scopedFrom: (mapContext, index))
                }
            }
            let expandedIndex = activeContext.expandIRI(index, vocab: true)
            let isNone = index == "@none" || expandedIndex == "@none"
            let items = try expand(map[index]!, context: mapContext, property: key, fromMap: true)?.asArray ?? []
            for var item in items {
                if container.contains("@graph"), !Self.isGraphObject(item) { item = ["@graph": .array(item.asArray)] }
                guard case .object(var object) = item else { continue }
                if container.contains("@index"), indexKey != "@index", !isNone {
                    let reExpanded = try expander.expandValue(.string(index), activeContext: activeContext, activeProperty: indexKey)
                    guard let expandedIndexKey = activeContext.expandIRI(indexKey, vocab: true) else { continue }
                    if object["@value"] != nil {
                        throw .jsonLD(.invalidValueObject, "a value in a property-valued index map cannot take the index")
                    }
                    object[expandedIndexKey] = .array([.object(reExpanded)] + (object[expandedIndexKey]?.asArray ?? []))
                } else if container.contains("@index"), object["@index"] == nil, !isNone {
                    object["@index"] = .string(index)
                } else if container.contains("@id"), object["@id"] == nil, !isNone {
                    let id = activeContext.expandIRI(index, documentRelative: true)
                    try expander.checkIdentifier(index, expandedTo: id, what: "the id map key")
                    object["@id"] = id.map(JSONValue.string) ?? .null
                } else if container.contains("@type"), !isNone {
                    let type = activeContext.expandIRI(index, documentRelative: true, vocab: true)
                    try expander.checkIdentifier(index, expandedTo: type, what: "the type map key")
                    object["@type"] = .array([type.map(JSONValue.string) ?? .null] + (object["@type"]?.asArray ?? []))
                }
                expanded.append(.object(object))
            }
        }
        return .array(expanded)
    }

    /// Appends to the array at `key`; the copy this costs is charged to the work budget, so many
    /// keys expanding to one IRI cannot make expansion quadratic without limit.
    func append(_ value: JSONValue, to key: String, in object: inout JSONObject) throws(LinkedDataError) {
        var values = object[key]?.asArray ?? []
        try expander.contexts.budget.spend(values.count)
        values.append(contentsOf: value.asArray)
        object[key] = .array(values)
    }

    static func isValueObject(_ value: JSONValue) -> Bool { value["@value"] != nil }
    static func isListObject(_ value: JSONValue) -> Bool { value["@list"] != nil }
    static func isGraphObject(_ value: JSONValue) -> Bool {
        guard case .object(let object) = value, object["@graph"] != nil else { return false }
        return object.keys.allSatisfy { ["@graph", "@id", "@index", "@context"].contains($0) }
    }
}
