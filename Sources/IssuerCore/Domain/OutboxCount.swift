/// How many outbox rows are in one state on one channel (the `/metrics` gauges).
public struct OutboxCount: Sendable, Hashable {
    /// The rows' state.
    public var state: OutboxState
    /// The rows' channel.
    public var channel: OutboxChannel
    /// How many rows.
    public var count: Int

    /// A count.
    public init(state: OutboxState, channel: OutboxChannel, count: Int) {
        self.state = state
        self.channel = channel
        self.count = count
    }
}
