import Foundation
import GRDB
import IssuerCore

/// The `completion` table: the event as JSON text, with `source` and `eventID` copied into
/// columns so that SQL can hold them unique (a replayed event is refused by the database).
struct CompletionRow: StoreRecord {
    static let databaseTableName = "completion"

    var id: String
    var source: String
    var eventID: String
    var programID: String
    var learnerID: String
    var event: CompletionEvent
    var receivedAt: Date
    var state: String
    var reasons: [String]
    var reviewedBy: String?
    var reviewNote: String?
    var reviewedAt: Date?

    init(_ record: CompletionRecord) {
        id = record.id
        source = record.event.source
        eventID = record.event.eventID
        programID = record.event.programID
        learnerID = record.learnerID
        event = record.event
        receivedAt = record.receivedAt
        state = record.state.rawValue
        reasons = record.reasons
        reviewedBy = record.reviewedBy
        reviewNote = record.reviewNote
        reviewedAt = record.reviewedAt
    }

    func record() throws -> CompletionRecord {
        guard let completionState = CompletionState(rawValue: state) else {
            throw IssuerError(.storeUnavailable, "completion \(id) has an unknown state \"\(state)\"")
        }
        return CompletionRecord(
            id: id, event: event, learnerID: learnerID, receivedAt: receivedAt, state: completionState, reasons: reasons,
            reviewedBy: reviewedBy, reviewNote: reviewNote, reviewedAt: reviewedAt)
    }
}
