/// Why a JSON text was refused: a stable `code`, a human `reason`, and the byte offset where the
/// parser stopped (when the error comes from parsing).
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of refusal this is; compare it (`error.code == .duplicateKey`), never `reason`.
    public let code: Code
    /// What is wrong, in words.
    public let reason: String
    /// The byte offset into the input, when the error comes from parsing.
    public let offset: Int?

    /// An error with a code, a reason and, for parse errors, the byte offset.
    public init(code: Code, reason: String, offset: Int? = nil) {
        self.code = code
        self.reason = reason
        self.offset = offset
    }

    /// The reason, and the byte offset when there is one.
    public var description: String {
        if let offset { return "\(reason) (at byte \(offset))" }
        return reason
    }

    /// The codes of the parser: a struct over a private enum, so the set can grow without
    /// breaking callers; `description` is the stable spelling (e.g. `duplicateKey`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Sendable {
            case syntax, duplicateKey, loneSurrogate, invalidUTF8, numberOutOfRange, tooDeep
        }

        private let backing: Backing

        private init(_ backing: Backing) { self.backing = backing }

        /// The stable spelling, e.g. `duplicateKey`.
        public var description: String { backing.rawValue }

        /// The text does not follow the JSON grammar (RFC 8259).
        public static let syntax = Code(.syntax)
        /// An object names a member twice.
        public static let duplicateKey = Code(.duplicateKey)
        /// A `\u` escape is half of a UTF-16 surrogate pair.
        public static let loneSurrogate = Code(.loneSurrogate)
        /// A string is not valid UTF-8.
        public static let invalidUTF8 = Code(.invalidUTF8)
        /// A number is outside the range of an IEEE-754 double.
        public static let numberOutOfRange = Code(.numberOutOfRange)
        /// Arrays and objects nest deeper than the parser's limit.
        public static let tooDeep = Code(.tooDeep)
    }
}
