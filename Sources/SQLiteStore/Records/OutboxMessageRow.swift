import Foundation
import GRDB
import IssuerCore

/// The `outboxMessage` table: one row per ``OutboxMessage``.
struct OutboxMessageRow: StoreRecord {
    static let databaseTableName = "outboxMessage"

    var id: String
    var channel: String
    var event: String
    var subjectID: String
    var recipient: String?
    var createdAt: Date
    var state: String
    var attempts: Int
    var nextAttemptAt: Date?
    var lastError: String?

    init(_ message: OutboxMessage) {
        id = message.id
        channel = message.channel.rawValue
        event = message.event.rawValue
        subjectID = message.subjectID
        recipient = message.recipient
        createdAt = message.createdAt
        state = message.state.rawValue
        attempts = message.attempts
        nextAttemptAt = message.nextAttemptAt
        lastError = message.lastError
    }

    /// The message; a channel, event or state this version does not know is refused by name.
    func message() throws -> OutboxMessage {
        var message = OutboxMessage(
            id: id, channel: try StoredName.decode(channel, as: OutboxChannel.self, of: "outbox message \(id)", column: "channel"),
            event: try StoredName.decode(event, as: OutboxEvent.self, of: "outbox message \(id)", column: "event"), subjectID: subjectID,
            recipient: recipient, createdAt: createdAt)
        message.state = try StoredName.decode(state, as: OutboxState.self, of: "outbox message \(id)", column: "state")
        message.attempts = attempts
        message.nextAttemptAt = nextAttemptAt
        message.lastError = lastError
        return message
    }
}
