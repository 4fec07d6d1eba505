/// Why a JSON text was refused: a stable `code`, a human `reason`, and the byte offset where the
/// parser stopped (when the error comes from parsing).
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier: `syntax`, `duplicateKey`, `loneSurrogate`, `invalidUTF8`,
    /// `numberOutOfRange`, `tooDeep`.
    public let code: String
    /// What is wrong, in words.
    public let reason: String
    /// The byte offset into the input, when the error comes from parsing.
    public let offset: Int?

    /// An error with a code, a reason and, for parse errors, the byte offset.
    public init(code: String, reason: String, offset: Int? = nil) {
        self.code = code
        self.reason = reason
        self.offset = offset
    }

    public var description: String {
        if let offset { return "\(reason) (at byte \(offset))" }
        return reason
    }
}
