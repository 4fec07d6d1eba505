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
        channel = message.channel
        event = message.event
        subjectID = message.subjectID
        recipient = message.recipient
        createdAt = message.createdAt
        state = message.state
        attempts = message.attempts
        nextAttemptAt = message.nextAttemptAt
        lastError = message.lastError
    }

    var message: OutboxMessage {
        var message = OutboxMessage(
            id: id, channel: channel, event: event, subjectID: subjectID, recipient: recipient, createdAt: createdAt)
        message.state = state
        message.attempts = attempts
        message.nextAttemptAt = nextAttemptAt
        message.lastError = lastError
        return message
    }
}
