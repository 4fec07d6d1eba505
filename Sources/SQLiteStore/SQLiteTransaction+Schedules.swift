import Foundation
import GRDB
import IssuerCore

extension SQLiteTransaction: ScheduleWriting {
    private static let columns = "id, kind, subjectID, programID, detail, dueAt, state, finishedAt, note"

    func scheduledWork(dueBy now: Date, limit: Int) throws -> [ScheduledWork] {
        try Row.fetchAll(
            db, sql: "SELECT \(Self.columns) FROM scheduledWork WHERE state = 'scheduled' AND dueAt <= ? ORDER BY dueAt, id LIMIT ?",
            arguments: [DatabaseTimestamp.text(from: now), limit]
        ).map(Self.work)
    }

    func scheduledWork(subjectID: String) throws -> [ScheduledWork] {
        try Row.fetchAll(
            db, sql: "SELECT \(Self.columns) FROM scheduledWork WHERE subjectID = ? ORDER BY dueAt, id", arguments: [subjectID]
        ).map(Self.work)
    }

    func scheduledWork(id: String) throws -> ScheduledWork? {
        try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM scheduledWork WHERE id = ?", arguments: [id]).map(Self.work)
    }

    func planScheduledWork(_ work: ScheduledWork) throws {
        try db.execute(
            sql: """
                INSERT INTO scheduledWork (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (kind, subjectID, detail) DO NOTHING
                """,
            arguments: [
                work.id, work.kind.rawValue, work.subjectID, work.programID, work.detail, DatabaseTimestamp.text(from: work.dueAt),
                work.state.rawValue, work.finishedAt.map(DatabaseTimestamp.text(from:)), work.note,
            ])
    }

    func finishScheduledWork(id: String, state: ScheduledWorkState, at: Date, note: String?) throws -> Bool {
        try db.execute(
            sql: "UPDATE scheduledWork SET state = ?, finishedAt = ?, note = ? WHERE id = ? AND state = 'scheduled'",
            arguments: [state.rawValue, DatabaseTimestamp.text(from: at), note, id])
        return db.changesCount == 1
    }

    private static func work(_ row: Row) throws -> ScheduledWork {
        let kindName: String = row["kind"]
        let stateName: String = row["state"]
        guard let kind = ScheduledWorkKind(rawValue: kindName), let state = ScheduledWorkState(rawValue: stateName) else {
            throw IssuerError(.inconsistentStore, "scheduled work \(row["id"] as String) has kind \(kindName), state \(stateName)")
        }
        let finishedText: String? = row["finishedAt"]
        return ScheduledWork(
            id: row["id"], kind: kind, subjectID: row["subjectID"], programID: row["programID"], detail: row["detail"],
            dueAt: try DatabaseTimestamp.date(reading: row["dueAt"], of: "scheduled work"), state: state,
            finishedAt: try finishedText.map { try DatabaseTimestamp.date(reading: $0, of: "scheduled work") }, note: row["note"])
    }
}
