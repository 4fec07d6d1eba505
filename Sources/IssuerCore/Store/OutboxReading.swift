import Foundation

/// Messages waiting to be delivered (emails, webhooks) and what became of them.
public protocol OutboxReading {
    /// Outbox rows in `state` (every one when `nil`), oldest first.
    func outboxMessages(state: OutboxState?) throws -> [OutboxMessage]
    /// How many outbox rows there are per state and channel, counted by the store (no row is read).
    func outboxCounts() throws -> [OutboxCount]
    /// One outbox row by id (what the delivery worker claims and marks, without reading the others).
    func outboxMessage(id: String) throws -> OutboxMessage?
}
