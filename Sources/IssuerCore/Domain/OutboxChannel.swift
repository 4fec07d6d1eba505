/// How an outbox message leaves the issuer.
public enum OutboxChannel: String, Codable, Sendable, CaseIterable {
    /// An email over SMTP to ``OutboxMessage/recipient``.
    case email
    /// A signed POST to a webhook endpoint (one row per endpoint once fanned out).
    case webhook
}
