import CanonicalJSON

/// Node Map Generation (JSON-LD 1.1 API §7.2): flattens expanded JSON-LD into one map of nodes
/// per graph, with blank nodes relabelled.
struct NodeMapBuilder {
    /// Graph name (`@default` for the default graph) → node identifier → node.
    private(set) var graphs: [String: [String: JSONObject]] = ["@default": [:]]
    var issuer = BlankNodeIssuer()

    /// Who a value is attached to: a subject by identifier, or, for `@reverse`, the node that
    /// becomes the object.
    enum Subject {
        case none
        case node(String)
        case reverse(String)
    }

    mutating func add(_ element: JSONValue, graph: String, subject: Subject, property: String?, list: inout [JSONValue]?)
        throws(LinkedDataError)
    {
        if case .array(let items) = element {
            for item in items { try add(item, graph: graph, subject: subject, property: property, list: &list) }
            return
        }
        guard case .object(var object) = element else { return }
        if graphs[graph] == nil { graphs[graph] = [:] }
        if let types = object["@type"], object["@value"] == nil {
            object["@type"] = .array(
                types.asArray.map { type in
                    if case .string(let iri) = type, IRIResolver.isBlankNode(iri) { return .string(issuer.label(for: iri)) }
                    return type
                })
        }
        if object["@value"] != nil {
            if list == nil {
                if case .node(let subjectID) = subject, let property {
                    appendUnique(.object(object), graph: graph, node: subjectID, property: property)
                }
            } else {
                list!.append(.object(object))
            }
        } else if let listValue = object["@list"] {
            var result: [JSONValue]? = []
            try add(listValue, graph: graph, subject: subject, property: property, list: &result)
            let listObject: JSONValue = ["@list": .array(result ?? [])]
            if list == nil {
                if case .node(let subjectID) = subject, let property {
                    append(listObject, graph: graph, node: subjectID, property: property)
                }
            } else {
                list!.append(listObject)
            }
        } else {
            try addNode(object, graph: graph, subject: subject, property: property, list: &list)
        }
    }

    private mutating func addNode(_ original: JSONObject, graph: String, subject: Subject, property: String?, list: inout [JSONValue]?)
        throws(LinkedDataError)
    {
        var object = original
        let id: String
        if case .string(let given) = object["@id"] {
            id = IRIResolver.isBlankNode(given) ? issuer.label(for: given) : given
        } else if object["@id"] == .null {
            // An @id that looked like a keyword expanded to null: the node names nothing, so it
            // and every statement about it are left out (as jsonld.js does).
            return
        } else {
            id = issuer.fresh()
        }
        object["@id"] = nil
        if graphs[graph]![id] == nil { graphs[graph]![id] = ["@id": .string(id)] }
        switch subject {
        case .reverse(let referencingID):
            appendUnique(["@id": .string(referencingID)], graph: graph, node: id, property: property!)
        case .node(let subjectID):
            if let property {
                let reference: JSONValue = ["@id": .string(id)]
                if list == nil {
                    appendUnique(reference, graph: graph, node: subjectID, property: property)
                } else {
                    list!.append(reference)
                }
            }
        case .none:
            break
        }
        if let types = object["@type"] {
            var existing = graphs[graph]![id]!["@type"]?.asArray ?? []
            for type in types.asArray where !existing.contains(type) { existing.append(type) }
            graphs[graph]![id]!["@type"] = .array(existing)
            object["@type"] = nil
        }
        if let index = object["@index"] {
            if let existing = graphs[graph]![id]!["@index"], existing != index {
                throw .jsonLD("conflicting indexes", "the node \(id) has two different @index values")
            }
            graphs[graph]![id]!["@index"] = index
            object["@index"] = nil
        }
        if case .object(let reverseMap) = object["@reverse"] {
            for (reverseProperty, values) in reverseMap {
                var noList: [JSONValue]? = nil
                for value in values.asArray {
                    try add(value, graph: graph, subject: .reverse(id), property: reverseProperty, list: &noList)
                }
            }
            object["@reverse"] = nil
        }
        if let graphValue = object["@graph"] {
            var noList: [JSONValue]? = nil
            try add(graphValue, graph: id, subject: .none, property: nil, list: &noList)
            object["@graph"] = nil
        }
        if let included = object["@included"] {
            var noList: [JSONValue]? = nil
            try add(included, graph: graph, subject: .none, property: nil, list: &noList)
            object["@included"] = nil
        }
        for key in object.keys.sorted(by: Expander.codePointOrder) {
            let value = object[key]!
            let nodeProperty = IRIResolver.isBlankNode(key) ? issuer.label(for: key) : key
            if graphs[graph]![id]![nodeProperty] == nil { graphs[graph]![id]![nodeProperty] = .array([]) }
            var noList: [JSONValue]? = nil
            try add(value, graph: graph, subject: .node(id), property: nodeProperty, list: &noList)
        }
    }

    private mutating func appendUnique(_ value: JSONValue, graph: String, node: String, property: String) {
        var values = graphs[graph]![node]![property]?.asArray ?? []
        if !values.contains(value) { values.append(value) }
        graphs[graph]![node]![property] = .array(values)
    }

    private mutating func append(_ value: JSONValue, graph: String, node: String, property: String) {
        var values = graphs[graph]![node]![property]?.asArray ?? []
        values.append(value)
        graphs[graph]![node]![property] = .array(values)
    }
}
