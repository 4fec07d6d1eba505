import CanonicalJSON

/// A string compared and hashed by its UTF-8 bytes.
///
/// Swift's `String` equality is canonical equivalence: `"Å"` (U+00C5) equals `"A\u{30A}"`. RDF
/// terms are sequences of code points, and two IRIs or literals that differ only in normalization
/// are different terms with different canonical N-Quads, so sets and maps of RDF data use this key.
struct ExactString: Hashable, Sendable {
    let value: String

    init(_ value: String) { self.value = value }

    static func == (lhs: ExactString, rhs: ExactString) -> Bool { lhs.value.utf8.elementsEqual(rhs.value.utf8) }

    func hash(into hasher: inout Hasher) {
        var value = value
        value.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

extension JSONValue {
    /// Equality with strings compared code point by code point (see ``ExactString``).
    func isExactlyEqual(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.string(let left), .string(let right)): return left.utf8.elementsEqual(right.utf8)
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.isExactlyEqual(to: $1) }
        case (.object(let left), .object(let right)):
            guard left.count == right.count else { return false }
            for (key, value) in left {
                guard let otherValue = right[key], value.isExactlyEqual(to: otherValue) else { return false }
            }
            return true
        default: return self == other
        }
    }
}
