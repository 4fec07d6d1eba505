/// Why a credential, key, DID or proof was refused: a stable `code` that programs and tests compare,
/// and a `reason` a person can act on.
///
/// Codes are the names the W3C specifications give where they give one (`INVALID_DID`,
/// `PROOF_VERIFICATION_ERROR`, …) and otherwise a short snake-case name of the broken rule.
public struct CredentialError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier for the kind of failure.
    public let code: String
    /// What happened, and where possible what to do about it.
    public let reason: String

    /// An error with a code and a human reason.
    public init(_ code: String, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(reason) [\(code)]" }
}
