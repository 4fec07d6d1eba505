/// A JSON object's members in the order they were written or added, with keyed lookup.
///
/// Order is kept so that a credential prints as its author wrote it; canonical forms (JCS) sort
/// on output, and equality ignores order, as JSON's does.
public struct JSONObject: Sendable, Hashable, Sequence {
    /// The keys in member order.
    public private(set) var keys: [String]
    private var values: [String: JSONValue]

    /// An empty object.
    public init() {
        keys = []
        values = [:]
    }

    /// An object of these members; a repeated key keeps its first place and its last value.
    public init<S: Sequence>(_ members: S) where S.Element == (String, JSONValue) {
        self.init()
        for (key, value) in members { self[key] = value }
    }

    /// The number of members.
    public var count: Int { keys.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { keys.isEmpty }

    /// The member's value; setting `nil` removes the member, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// Whether a member named `key` exists.
    public func contains(_ key: String) -> Bool { values[key] != nil }

    /// The members in order.
    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
        keys.map { (key: $0, value: values[$0]!) }.makeIterator()
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.values == rhs.values }
    public func hash(into hasher: inout Hasher) { hasher.combine(values) }
}
