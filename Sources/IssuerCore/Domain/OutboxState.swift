/// Where an outbox message stands.
public enum OutboxState: String, Codable, Sendable, CaseIterable {
    /// Not delivered yet: waiting for its next attempt.
    case pending
    /// Delivered.
    case sent
    /// Given up on: a permanent refusal or too many attempts.
    case failed
}
