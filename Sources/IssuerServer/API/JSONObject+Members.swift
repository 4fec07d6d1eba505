import CanonicalJSON

extension JSONObject {
    /// The string member `key`, or nil when the body leaves it out. Anything else there (a number,
    /// an object, null) is a 400 problem: a mistyped body must never run an action as if the field
    /// were absent (`{"name": {}}` would otherwise reissue under the old name).
    func optionalString(_ key: String) throws -> String? {
        guard let value = self[key] else { return nil }
        guard let string = value.stringValue else { throw Problem(.badRequest, .badRequest, "\(key) must be a string") }
        return string
    }
}

extension JSONValue {
    /// Where the first `null` inside this value is (`reminderLeadTime`, `modules[1].validity`), or
    /// nil when there is none. For bodies whose schema allows `null` nowhere: a decoder reads
    /// `null` as "absent", so it must be refused before decoding.
    func firstNullPath(_ prefix: String = "") -> String? {
        switch self {
        case .null: return prefix.isEmpty ? "the body" : prefix
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let path = item.firstNullPath("\(prefix)[\(index)]") { return path }
            }
            return nil
        case .object(let members):
            for (key, value) in members {
                if let path = value.firstNullPath(prefix.isEmpty ? key : "\(prefix).\(key)") { return path }
            }
            return nil
        default: return nil
        }
    }
}
