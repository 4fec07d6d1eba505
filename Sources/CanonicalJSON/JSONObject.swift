/// A JSON object's members in the order they were written or added, with keyed lookup.
///
/// Order is kept so that a credential prints as its author wrote it; canonical forms (JCS) sort
/// on output, and equality ignores order, as JSON's does. Keys are compared by their exact code
/// points: Swift's `String` equality would merge canonically equivalent keys (`"A\u{30A}"` and
/// `"Å"`), which JSON, JCS and signatures treat as different names.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// The keys in member order.
    public private(set) var keys: [String]
    private var values: [ExactKey: JSONValue]

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

    /// An object literal, `["id": "urn:x", "type": ["A"]]`.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }

    /// The number of members.
    public var count: Int { keys.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { keys.isEmpty }

    /// The member's value; setting `nil` removes the member, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get { values[ExactKey(key)] }
        set {
            let exactKey = ExactKey(key)
            if let newValue {
                if values.updateValue(newValue, forKey: exactKey) == nil { keys.append(key) }
            } else if values.removeValue(forKey: exactKey) != nil {
                keys.removeAll { $0.utf8.elementsEqual(key.utf8) }
            }
        }
    }

    /// Whether a member named `key` exists.
    public func contains(_ key: String) -> Bool { values[ExactKey(key)] != nil }

    /// The members in order.
    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
        keys.map { (key: $0, value: values[ExactKey($0)]!) }.makeIterator()
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.values == rhs.values }
    public func hash(into hasher: inout Hasher) { hasher.combine(values) }
}

/// A dictionary key that compares strings by their UTF-8 bytes, never by canonical equivalence.
private struct ExactKey: Hashable, Sendable {
    let text: String
    init(_ text: String) { self.text = text }
    static func == (lhs: ExactKey, rhs: ExactKey) -> Bool { lhs.text.utf8.elementsEqual(rhs.text.utf8) }
    func hash(into hasher: inout Hasher) {
        hasher.combineExactly(text)
    }
}

extension Hasher {
    /// Feeds a string's UTF-8 bytes in one call (not per byte, and not by canonical equivalence).
    mutating func combineExactly(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
        combine(text.utf8.count)
    }
}
