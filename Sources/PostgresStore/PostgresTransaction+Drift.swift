import Foundation
import IssuerCore
import PostgresNIO

// Program settings and kept events (``IssuerCore/ProgramSettingsWriting``,
// ``IssuerCore/ParkedEventWriting``), as SQLiteTransaction+Drift.
extension PostgresTransaction: ProgramSettingsWriting, ParkedEventWriting {
    private static let parkedColumns = "id, event, namespace, actor, state, reason, receivedAt"

    private static func settings(_ row: PostgresRowReader) throws -> ProgramSettings {
        var row = row
        return ProgramSettings(programID: try row(), enabled: try row(), updatedAt: try row.date(), updatedBy: try row())
    }

    private static func parked(_ row: PostgresRowReader) throws -> ParkedEvent {
        var row = row
        let id: String = try row()
        let event = try decodeJSON(CompletionEvent.self, from: try row(), of: "kept event \(id)")
        let namespace = LearnerNamespace(rawValue: try row())
        let actor: String = try row()
        let state = try named(try row(), as: ParkedState.self, of: "kept event \(id)", column: "state")
        return ParkedEvent(
            id: id, event: event, namespace: namespace, actor: actor, state: state, reason: try row(), receivedAt: try row.date())
    }

    func programSettings(id: String) throws -> ProgramSettings? {
        try row("SELECT programID, enabled, updatedAt, updatedBy FROM programSettings WHERE programID = $1", [id]).map(Self.settings)
    }

    func allProgramSettings() throws -> [ProgramSettings] {
        try rows("SELECT programID, enabled, updatedAt, updatedBy FROM programSettings ORDER BY programID COLLATE \"C\"").map(
            Self.settings)
    }

    func saveProgramSettings(_ settings: ProgramSettings) throws {
        guard try program(id: settings.programID) != nil else { throw IssuerError(.notFound, "there is no program \(settings.programID)") }
        try execute(
            """
            INSERT INTO programSettings (programID, enabled, updatedAt, updatedBy) VALUES ($1, $2, $3, $4)
            ON CONFLICT (programID) DO UPDATE SET enabled = excluded.enabled, updatedAt = excluded.updatedAt,
                updatedBy = excluded.updatedBy
            """,
            [settings.programID, settings.enabled, settings.updatedAt, settings.updatedBy])
    }

    func parkedEvent(source: String, eventID: String) throws -> ParkedEvent? {
        try row("SELECT \(Self.parkedColumns) FROM parkedEvent WHERE source = $1 AND eventID = $2", [source, eventID]).map(Self.parked)
    }

    func parkedEvent(id: String) throws -> ParkedEvent? {
        try row("SELECT \(Self.parkedColumns) FROM parkedEvent WHERE id = $1", [id]).map(Self.parked)
    }

    func parkedEvents(state: ParkedState?, limit: Int?) throws -> [ParkedEvent] {
        // No LIMIT clause when there is no limit.
        let bound = limit.map { "LIMIT \(max(0, $0))" } ?? ""
        if let state {
            return try rows(
                "SELECT \(Self.parkedColumns) FROM parkedEvent WHERE state = $1 ORDER BY receivedAt, id COLLATE \"C\" \(bound)", [state.rawValue]
            ).map(Self.parked)
        }
        return try rows("SELECT \(Self.parkedColumns) FROM parkedEvent ORDER BY receivedAt, id COLLATE \"C\" \(bound)").map(Self.parked)
    }

    func parkedEventCounts() throws -> [ParkedState: Int] {
        var counts: [ParkedState: Int] = [:]
        for row in try rows("SELECT state, count(*)::bigint FROM parkedEvent GROUP BY state") {
            var row = row
            let name: String = try row()
            let count: Int = try row()
            if let state = ParkedState(rawValue: name) { counts[state] = count }
        }
        return counts
    }

    func insertParkedEvent(_ event: ParkedEvent) throws {
        try refusingConflicts {
            try execute(
                """
                INSERT INTO parkedEvent (id, source, eventID, programID, course, event, namespace, actor, state, reason, receivedAt)
                VALUES ($1, $2, $3, $4, $5, $6::json, $7, $8, $9, $10, $11)
                """,
                [
                    event.id, event.event.source, event.event.eventID, event.event.programID, event.event.course,
                    try Self.jsonText(event.event), event.namespace.rawValue, event.actor, event.state.rawValue, event.reason,
                    event.receivedAt,
                ])
        } explain: {
            IssuerError(.duplicate, "event \(event.event.eventID) of \(event.event.source) is kept already")
        }
    }

    func deleteParkedEvent(id: String) throws -> Bool {
        try execute("DELETE FROM parkedEvent WHERE id = $1 RETURNING 1", [id]) > 0
    }
}
