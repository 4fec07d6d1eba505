import CanonicalJSON

/// One node of the node map: its types, its index and its properties.
struct NodeMapNode {
    var types: [String] = []
    var index: JSONValue?
    /// Property IRI → values (value objects, `{"@id": …}` references, `{"@list": […]}` objects).
    var properties: [ExactString: [JSONValue]] = [:]
}

/// Node Map Generation (JSON-LD 1.1 API §7.2): flattens expanded JSON-LD into one map of nodes
/// per graph, with blank nodes relabelled.
struct NodeMapBuilder {
    /// Graph name (`@default` for the default graph) → node identifier → node.
    private(set) var graphs: [ExactString: [ExactString: NodeMapNode]] = [ExactString("@default"): [:]]
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
        guard case .object(let object) = element else { return }
        if graphs[ExactString(graph)] == nil { graphs[ExactString(graph)] = [:] }
        if object["@value"] != nil {
            if list != nil {
                list!.append(element)
            } else if case .node(let subjectID) = subject, let property {
                appendValue(element, graph: graph, node: subjectID, property: property)
            }
        } else if let listValue = object["@list"] {
            var result: [JSONValue]? = []
            try add(listValue, graph: graph, subject: subject, property: property, list: &result)
            let listObject: JSONValue = ["@list": .array(result ?? [])]
            if list != nil {
                list!.append(listObject)
            } else if case .node(let subjectID) = subject, let property {
                appendValue(listObject, graph: graph, node: subjectID, property: property)
            }
        } else {
            try addNode(object, graph: graph, subject: subject, property: property, list: &list)
        }
    }

    private mutating func addNode(_ object: JSONObject, graph: String, subject: Subject, property: String?, list: inout [JSONValue]?)
        throws(LinkedDataError)
    {
        let id: String
        switch object["@id"] {
        case .string(let given): id = IRIResolver.isBlankNode(given) ? issuer.label(for: given) : given
        // An @id that looked like a keyword expanded to null: the node names nothing, so it and
        // every statement about it are left out (as jsonld.js does).
        case .null: return
        default: id = issuer.fresh()
        }
        let graphKey = ExactString(graph)
        let nodeKey = ExactString(id)
        if graphs[graphKey]![nodeKey] == nil { graphs[graphKey]![nodeKey] = NodeMapNode() }
        switch subject {
        case .reverse(let referencingID):
            appendValue(["@id": .string(referencingID)], graph: graph, node: id, property: property!)
        case .node(let subjectID):
            if let property {
                let reference: JSONValue = ["@id": .string(id)]
                if list != nil {
                    list!.append(reference)
                } else {
                    appendValue(reference, graph: graph, node: subjectID, property: property)
                }
            }
        case .none:
            break
        }
        var members: [(key: String, value: JSONValue)] = []
        for member in object {
            switch member.key {
            case "@id": continue
            case "@type":
                for case .string(let type) in member.value.asArray {
                    let label = IRIResolver.isBlankNode(type) ? issuer.label(for: type) : type
                    graphs[graphKey]![nodeKey]!.types.append(label)  // duplicates vanish in the RDF dataset
                }
            case "@index":
                if let existing = graphs[graphKey]![nodeKey]!.index, !existing.isExactlyEqual(to: member.value) {
                    throw .jsonLD(.conflictingIndexes, "the node \(id) has two different @index values")
                }
                graphs[graphKey]![nodeKey]!.index = member.value
            default: members.append(member)
            }
        }
        members.sort { Expander.codePointOrder($0.key, $1.key) }
        var noList: [JSONValue]? = nil
        for (key, value) in members where key == "@reverse" {
            guard case .object(let reverseMap) = value else { continue }
            for (reverseProperty, values) in reverseMap {
                for value in values.asArray {
                    try add(value, graph: graph, subject: .reverse(id), property: reverseProperty, list: &noList)
                }
            }
        }
        for (key, value) in members where key == "@graph" {
            try add(value, graph: id, subject: .none, property: nil, list: &noList)
        }
        for (key, value) in members where key == "@included" {
            try add(value, graph: graph, subject: .none, property: nil, list: &noList)
        }
        for (key, value) in members where !["@reverse", "@graph", "@included"].contains(key) {
            let nodeProperty = IRIResolver.isBlankNode(key) ? issuer.label(for: key) : key
            if graphs[graphKey]![nodeKey]!.properties[ExactString(nodeProperty)] == nil {
                graphs[graphKey]![nodeKey]!.properties[ExactString(nodeProperty)] = []
            }
            try add(value, graph: graph, subject: .node(id), property: nodeProperty, list: &noList)
        }
    }

    private mutating func appendValue(_ value: JSONValue, graph: String, node: String, property: String) {
        let graphKey = ExactString(graph)
        let nodeKey = ExactString(node)
        let propertyKey = ExactString(property)
        // The node map's duplicate check (spec step 4.1 and others) is left to the RDF dataset, which
        // is a set: checking here would cost time quadratic in the number of values.
        graphs[graphKey]![nodeKey]!.properties[propertyKey, default: []].append(value)
    }
}
