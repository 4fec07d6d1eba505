import Foundation
import IssuerCore
import PostgresNIO

// Scheduled work (``IssuerCore/ScheduleWriting``), as SQLiteTransaction+Schedules. Finishing is an
// `UPDATE … WHERE state = 'scheduled'`: a second instance's update waits for the first to commit,
// then finds the row no longer scheduled and changes nothing, so the work is done once.
extension PostgresTransaction: ScheduleWriting {
    private static let columns = "id, kind, subjectID, programID, detail, dueAt, state, finishedAt, note"

    func scheduledWork(dueBy now: Date, limit: Int) throws -> [ScheduledWork] {
        try rows(
            "SELECT \(Self.columns) FROM scheduledWork WHERE state = 'scheduled' AND dueAt <= $1 ORDER BY dueAt, id COLLATE \"C\" LIMIT $2",
            [now, limit]
        ).map(Self.work)
    }

    func scheduledWork(subjectID: String) throws -> [ScheduledWork] {
        try rows("SELECT \(Self.columns) FROM scheduledWork WHERE subjectID = $1 ORDER BY dueAt, id COLLATE \"C\"", [subjectID]).map(
            Self.work)
    }

    func scheduledWork(id: String) throws -> ScheduledWork? {
        try row("SELECT \(Self.columns) FROM scheduledWork WHERE id = $1", [id]).map(Self.work)
    }

    func planScheduledWork(_ work: ScheduledWork) throws {
        _ = try execute(
            """
            INSERT INTO scheduledWork (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (kind, subjectID, detail) DO NOTHING
            """,
            [
                work.id, work.kind.rawValue, work.subjectID, work.programID, work.detail, work.dueAt, work.state.rawValue, work.finishedAt,
                work.note,
            ])
    }

    func finishScheduledWork(id: String, state: ScheduledWorkState, at: Date, note: String?) throws -> Bool {
        try execute(
            "UPDATE scheduledWork SET state = $1, finishedAt = $2, note = $3 WHERE id = $4 AND state = 'scheduled' RETURNING 1",
            [state.rawValue, at, note, id]) == 1
    }

    private static func work(_ row: PostgresRowReader) throws -> ScheduledWork {
        var row = row
        let id = try row(String.self)
        let kind = try named(try row(String.self), as: ScheduledWorkKind.self, of: "scheduled work \(id)", column: "kind")
        let subjectID = try row(String.self)
        let programID = try row(String.self)
        let detail = try row(String.self)
        let dueAt = try row.date()
        let state = try named(try row(String.self), as: ScheduledWorkState.self, of: "scheduled work \(id)", column: "state")
        return ScheduledWork(
            id: id, kind: kind, subjectID: subjectID, programID: programID, detail: detail, dueAt: dueAt, state: state,
            finishedAt: try row.optionalDate(), note: try row.optional())
    }
}
