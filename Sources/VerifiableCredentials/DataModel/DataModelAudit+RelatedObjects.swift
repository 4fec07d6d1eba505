import CanonicalJSON

/// The properties whose values are one or more typed objects: status (§4.10), schemas (§4.11),
/// integrity of related resources (§5.3), refresh (§5.4), terms of use (§5.5), evidence (§5.6), and
/// the shape of embedded proofs (VC Data Integrity §2.1: every proof has a type).
extension DataModelAudit {
    /// What VC 2.0 requires of each object under a property.
    private struct ObjectRule {
        let property: String
        /// The property's name in messages.
        let noun: String
        let requiresType: Bool
        let requiresID: Bool
    }

    private static let objectRules: [ObjectRule] = [
        .init(property: "credentialStatus", noun: "a credentialStatus", requiresType: true, requiresID: false),
        .init(property: "credentialSchema", noun: "a credentialSchema", requiresType: true, requiresID: true),
        .init(property: "refreshService", noun: "a refreshService", requiresType: true, requiresID: false),
        .init(property: "termsOfUse", noun: "a termsOfUse entry", requiresType: true, requiresID: false),
        .init(property: "evidence", noun: "an evidence entry", requiresType: true, requiresID: false),
        .init(property: "relatedResource", noun: "a relatedResource", requiresType: false, requiresID: true),
        .init(property: "proof", noun: "a proof", requiresType: true, requiresID: false),
    ]

    mutating func checkRelatedObjects() {
        for rule in Self.objectRules {
            guard let value = credential[rule.property] else { continue }
            let path = JSONPointer.root.appending(rule.property)
            let entries = value.asArray
            if entries.isEmpty { report("\(rule.property).value", path, "\(rule.property) is an empty array; leave it out instead") }
            for (index, entry) in entries.enumerated() {
                let entryPath = value.arrayValue == nil ? path : path.appending(index)
                guard let object = entry.objectValue else {
                    report("\(rule.property).value", entryPath, "\(rule.noun) must be an object, not \(entry.typeName)")
                    continue
                }
                check(object, at: entryPath, against: rule)
            }
        }
    }

    private mutating func check(_ object: JSONObject, at path: JSONPointer, against rule: ObjectRule) {
        if let id = object["id"] {
            checkIdentifier(id, at: path.appending("id"), rule: "\(rule.property).id", owner: rule.noun)
        } else if rule.requiresID {
            report("\(rule.property).id", path.appending("id"), "\(rule.noun) must have an id that is a URL")
        }
        if let type = object["type"] {
            // A node with its own @context may define its type names there; only the top-level
            // context is read, so such a node's names are not judged.
            if object["@context"] == nil {
                checkTypeNames(type, at: path.appending("type"), owner: rule.noun, rule: "\(rule.property).type")
            } else if type.asArray.contains(where: { $0.stringValue == nil }) || type.asArray.isEmpty {
                report("\(rule.property).type", path.appending("type"), "the type of \(rule.noun) must be a string or strings")
            }
        } else if rule.requiresType {
            report("\(rule.property).type", path.appending("type"), "\(rule.noun) must have a type")
        }
        if rule.property == "relatedResource", object["digestSRI"] == nil, object["digestMultibase"] == nil {
            report("relatedResource.digest", path, "a relatedResource must carry digestSRI or digestMultibase")
        }
    }
}
