/// The outcome of looking up one entry in a status list (§3.2 steps 11–15).
public struct StatusResult: Sendable, Hashable {
    /// The status value read from the list.
    public let status: Int
    /// The entry's purpose.
    public let purpose: BitstringStatusPurpose
    /// `true` when the status is 0: not revoked, not suspended, no refresh, first message.
    public let valid: Bool
    /// The entry's `statusMessage` text for this value, when it has one.
    public let message: String?

    /// A result; `valid` follows from `status`.
    public init(status: Int, purpose: BitstringStatusPurpose, message: String? = nil) {
        self.status = status
        self.purpose = purpose
        self.valid = status == 0
        self.message = message
    }
}
