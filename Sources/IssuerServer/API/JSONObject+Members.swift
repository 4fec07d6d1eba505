import CanonicalJSON

extension JSONObject {
    /// The string member `key`, or nil when the body leaves it out. Anything else there (a number,
    /// an object, null) is a 400 problem: a mistyped body must never run an action as if the field
    /// were absent (`{"name": {}}` would otherwise reissue under the old name).
    func optionalString(_ key: String) throws -> String? {
        guard let value = self[key] else { return nil }
        guard let string = value.stringValue else { throw Problem(.badRequest, "badRequest", "\(key) must be a string") }
        return string
    }
}
