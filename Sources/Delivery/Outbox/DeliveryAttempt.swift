import IssuerCore

/// The outcome of one attempt to deliver an outbox row, told to ``DeliveryConfiguration/observer``.
public struct DeliveryAttempt: Sendable, Hashable {
    /// Where the row stands after the attempt.
    public enum Result: String, Sendable, Hashable {
        /// Delivered.
        case sent
        /// Failed for now; another attempt is scheduled.
        case retry
        /// Given up on: a permanent refusal or the last attempt.
        case failed
    }

    /// The row's channel.
    public var channel: OutboxChannel
    /// The row's event, e.g. `credential.issued`.
    public var event: OutboxEvent
    /// What the attempt led to.
    public var result: Result
    /// Why it did not succeed, if it did not (`nil` for an attempt interrupted by a crash).
    public var error: DeliveryError?

    /// An outcome.
    public init(channel: OutboxChannel, event: OutboxEvent, result: Result, error: DeliveryError?) {
        self.channel = channel
        self.event = event
        self.result = result
        self.error = error
    }
}
