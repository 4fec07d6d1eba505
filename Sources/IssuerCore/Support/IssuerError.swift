/// Why the issuer refused or could not do something: a stable `code` and a `reason` to act on.
///
/// Compare `code` (`error.code == .notFound`), never `reason`. The HTTP edge maps every code to a
/// status with an exhaustive `switch` over ``IssuerError/Code/kind``, so a new code must be given
/// a status before the server compiles.
public struct IssuerError: Error, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The kind of failure, stable on the wire (its ``IssuerError/Code/description`` is the problem `code`).
    public let code: Code
    /// What happened and what to do.
    public let reason: String

    /// An error with a code and a reason a person can act on.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The reason, one line.
    public var description: String { reason }

    /// `code: reason`, for logs (`String(reflecting:)`).
    public var debugDescription: String { "\(code): \(reason)" }
}
