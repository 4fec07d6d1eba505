/// Why the issuer refused or could not do something: a stable `code` and a `reason` to act on.
public struct IssuerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier, e.g. `unknownProgram`, `invalidEvent`, `notFound`, `invalidState`.
    public let code: String
    /// What happened and what to do.
    public let reason: String

    /// An error.
    public init(_ code: String, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }
}
