import Foundation

/// Queueing messages and recording their delivery.
public protocol OutboxWriting: OutboxReading {
    /// Inserts or replaces an outbox row (by id).
    func saveOutboxMessage(_ message: OutboxMessage) throws
}
