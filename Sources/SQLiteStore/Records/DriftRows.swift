import Foundation
import GRDB
import IssuerCore

/// The `programSettings` table: one program's operational settings.
struct ProgramSettingsRow: NamedColumnRecord {
    static let databaseTableName = "programSettings"
    static let columnNames = ["programID", "enabled", "updatedAt", "updatedBy"]

    var programID: String
    var enabled: Bool
    var updatedAt: Date
    var updatedBy: String

    init(_ settings: ProgramSettings) {
        programID = settings.programID
        enabled = settings.enabled
        updatedAt = settings.updatedAt
        updatedBy = settings.updatedBy
    }

    var settings: ProgramSettings {
        ProgramSettings(programID: programID, enabled: enabled, updatedAt: updatedAt, updatedBy: updatedBy)
    }
}

/// The `parkedEvent` table: a completion event kept undecided, the event as JSON text with its
/// source and id copied into columns SQL holds unique.
struct ParkedEventRow: NamedColumnRecord {
    static let databaseTableName = "parkedEvent"
    static let columnNames = [
        "id", "source", "eventID", "programID", "course", "event", "namespace", "actor", "state", "reason", "receivedAt",
    ]

    var id: String
    var source: String
    var eventID: String
    var programID: String
    var course: String?
    var event: CompletionEvent
    var namespace: String
    var actor: String
    var state: String
    var reason: String
    var receivedAt: Date

    init(_ parked: ParkedEvent) {
        id = parked.id
        source = parked.event.source
        eventID = parked.event.eventID
        programID = parked.event.programID
        course = parked.event.course
        event = parked.event
        namespace = parked.namespace.rawValue
        actor = parked.actor
        state = parked.state.rawValue
        reason = parked.reason
        receivedAt = parked.receivedAt
    }

    func parked() throws -> ParkedEvent {
        guard let parkedState = ParkedState(rawValue: state) else {
            throw IssuerError(.storeUnavailable, "kept event \(id) has an unknown state \"\(state)\"")
        }
        return ParkedEvent(
            id: id, event: event, namespace: LearnerNamespace(rawValue: namespace), actor: actor, state: parkedState, reason: reason,
            receivedAt: receivedAt)
    }
}
