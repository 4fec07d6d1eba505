import CanonicalJSON

/// The Expansion Algorithm (JSON-LD 1.1 API §13.1): turns a document into expanded form, where
/// every term is an IRI and every value is a value, node, list or set object.
struct Expander {
    let contexts: ContextProcessor
    let maximumDepth: Int
    var isJSONLD10: Bool { contexts.options.isJSONLD10 }

    /// Expands `element`; `nil` stands for JSON-LD's `null` (the element is dropped).
    func expand(
        _ element: JSONValue, activeContext: ActiveContext, activeProperty: String?, baseURL: String?, fromMap: Bool = false,
        depth: Int = 0
    ) throws(LinkedDataError) -> JSONValue? {
        if depth > maximumDepth {
            throw LinkedDataError(code: .nestingTooDeep, reason: "the document nests deeper than \(maximumDepth) levels")
        }
        try contexts.budget.spend()
        var active = activeContext
        let propertyDefinition = activeProperty.flatMap { active.terms[$0] }
        switch element {
        case .null:
            return nil
        case .array(let items):
            var result: [JSONValue] = []
            for (index, item) in items.enumerated() {
                let expandedItem: JSONValue?
                do throws(LinkedDataError) {
                    expandedItem = try expand(
                        item, activeContext: active, activeProperty: activeProperty, baseURL: baseURL, fromMap: fromMap, depth: depth + 1)
                } catch {
                    throw error.inside(index: index)
                }
                guard var expanded = expandedItem else { continue }
                if propertyDefinition?.hasContainer("@list") == true, case .array(let list) = expanded {
                    expanded = ["@list": .array(list)]
                }
                if case .array(let list) = expanded { result.append(contentsOf: list) } else { result.append(expanded) }
            }
            return .array(result)
        case .object(let object):
            return try expandObject(
                object, activeContext: &active, definingContext: activeContext, activeProperty: activeProperty,
                propertyDefinition: propertyDefinition,
                baseURL: baseURL, fromMap: fromMap, depth: depth)
        default:
            if activeProperty == nil || activeProperty == "@graph" { return nil }
            if let scoped = propertyDefinition?.context, let activeProperty {
                active = try contexts.process(
                    active, localContext: scoped, baseURL: propertyDefinition?.baseURL, scopedFrom: (activeContext, activeProperty))
            }
            return .object(try expandValue(element, activeContext: active, activeProperty: activeProperty))
        }
    }

    private func expandObject(
        _ element: JSONObject, activeContext active: inout ActiveContext, definingContext: ActiveContext, activeProperty: String?,
        propertyDefinition: TermDefinition?,
        baseURL: String?, fromMap: Bool, depth: Int
    ) throws(LinkedDataError) -> JSONValue? {
        let sortedKeys = element.keys.sorted(by: Self.codePointOrder)
        if let previous = active.previousContext, !fromMap {
            var revert = true
            var onlyID = element.count == 1
            for key in sortedKeys {
                let expanded = active.expandIRI(key, vocab: true)
                if expanded == "@value" { revert = false }
                if expanded != "@id" { onlyID = false }
            }
            if revert, !onlyID { active = previous.context }
        }
        if let scoped = propertyDefinition?.context, let activeProperty {
            active = try contexts.process(
                active, localContext: scoped, baseURL: propertyDefinition?.baseURL, overrideProtected: true,
                scopedFrom: (definingContext, activeProperty))
        }
        if let localContext = element["@context"] {
            active = try contexts.process(active, localContext: localContext, baseURL: baseURL, cacheable: false)
        }
        let typeScopedContext = active
        var inputType: String? = nil
        for key in sortedKeys where active.expandIRI(key, vocab: true) == "@type" {
            let types = element[key]!.asArray.compactMap(\.stringValue).sorted(by: Self.codePointOrder)
            for type in types {
                if let definition = typeScopedContext.terms[type], let scoped = definition.context {
                    active = try contexts.process(
                        active, localContext: scoped, baseURL: definition.baseURL, propagate: false, scopedFrom: (typeScopedContext, type))
                }
            }
            if inputType == nil, let last = element[key]!.asArray.last?.stringValue {
                inputType = active.expandIRI(last, documentRelative: true, vocab: true)
            }
        }
        var state = ObjectExpansion(
            expander: self, activeContext: active, typeScopedContext: typeScopedContext, activeProperty: activeProperty,
            inputType: inputType, baseURL: baseURL, depth: depth)
        try state.expandMembers(of: element, sortedKeys: sortedKeys)
        return try finishObject(state.result, activeProperty: activeProperty)
    }

    /// Steps 14 to 19: checks and simplifications of the expanded object.
    private func finishObject(_ object: JSONObject, activeProperty: String?) throws(LinkedDataError) -> JSONValue? {
        var result = object
        if let value = result["@value"] {
            let allowed: Set<String> = ["@direction", "@index", "@language", "@type", "@value"]
            if result.keys.contains(where: { !allowed.contains($0) })
                || (result["@type"] != nil && (result["@language"] != nil || result["@direction"] != nil))
            {
                throw .jsonLD(.invalidValueObject, "a value object has members that do not go together")
            }
            try checkValueObject(result)
            if result["@type"] == "@json" {
                // any JSON value is allowed
            } else if value == .null || value == .array([]) {
                return nil
            } else if value.stringValue == nil, result["@language"] != nil {
                throw .jsonLD(.invalidLanguageTaggedValue, "only strings can have a language")
            } else if let type = result["@type"] {
                guard case .string(let iri) = type, IRIResolver.isAbsolute(iri), !IRIResolver.isBlankNode(iri) else {
                    throw .jsonLD(.invalidTypedValue, "the @type of a value must be an IRI")
                }
            }
        } else if let type = result["@type"], type.arrayValue == nil {
            result["@type"] = [type]
        } else if result["@set"] != nil || result["@list"] != nil {
            if result.count > 2 || (result.count == 2 && result["@index"] == nil) {
                throw .jsonLD(.invalidSetOrListObject, "a set or list object may only have @index besides")
            }
            if let set = result["@set"] { return set }
        }
        if result.count == 1, result["@language"] != nil { return nil }
        if activeProperty == nil || activeProperty == "@graph" {
            if result.isEmpty || result["@value"] != nil || result["@list"] != nil { return nil }
            if result.count == 1, result["@id"] != nil { return nil }
        }
        return .object(result)
    }

    /// Value Expansion (§5.3.2).
    func expandValue(_ value: JSONValue, activeContext: ActiveContext, activeProperty: String?) throws(LinkedDataError) -> JSONObject {
        let definition = activeProperty.flatMap { activeContext.terms[$0] }
        if case .string(let text) = value {
            if definition?.typeMapping == "@id" {
                let id = activeContext.expandIRI(text, documentRelative: true)
                try checkIdentifier(text, expandedTo: id, what: "the IRI")
                return ["@id": id.map(JSONValue.string) ?? .null]
            }
            if definition?.typeMapping == "@vocab" {
                let id = activeContext.expandIRI(text, documentRelative: true, vocab: true)
                try checkIdentifier(text, expandedTo: id, what: "the IRI")
                return ["@id": id.map(JSONValue.string) ?? .null]
            }
        }
        var result: JSONObject = ["@value": value]
        if let type = definition?.typeMapping, !["@id", "@vocab", "@none"].contains(type) {
            result["@type"] = .string(type)
        } else if value.stringValue != nil {
            let language = definition?.languageMapping ?? activeContext.defaultLanguage
            let direction = definition?.directionMapping ?? activeContext.defaultBaseDirection
            if let language { result["@language"] = .string(language) }
            if let direction { result["@direction"] = .string(direction) }
        }
        try checkValueObject(result)
        return result
    }

    static func codePointOrder(_ lhs: String, _ rhs: String) -> Bool { lhs.utf8.lexicographicallyPrecedes(rhs.utf8) }
}
