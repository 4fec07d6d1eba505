import Foundation
import GRDB
import IssuerCore

extension SQLiteTransaction: ProgramSettingsWriting, ParkedEventWriting {
    func programSettings(id: String) throws -> ProgramSettings? {
        try ProgramSettingsRow.fetchOne(
            db.cachedStatement(sql: "SELECT \(ProgramSettingsRow.columnList) FROM programSettings WHERE programID = ?"), arguments: [id])?
            .settings
    }

    func allProgramSettings() throws -> [ProgramSettings] {
        try ProgramSettingsRow.order(Column("programID")).fetchAll(db).map(\.settings)
    }

    func saveProgramSettings(_ settings: ProgramSettings) throws {
        guard try program(id: settings.programID) != nil else { throw IssuerError(.notFound, "there is no program \(settings.programID)") }
        try ProgramSettingsRow(settings).save(db)
    }

    func parkedEvent(source: String, eventID: String) throws -> ParkedEvent? {
        try ParkedEventRow.fetchOne(
            db.cachedStatement(sql: "SELECT \(ParkedEventRow.columnList) FROM parkedEvent WHERE source = ? AND eventID = ?"),
            arguments: [source, eventID])?
            .parked()
    }

    func parkedEvent(id: String) throws -> ParkedEvent? {
        try ParkedEventRow.fetchOne(
            db.cachedStatement(sql: "SELECT \(ParkedEventRow.columnList) FROM parkedEvent WHERE id = ?"), arguments: [id])?.parked()
    }

    func parkedEvents(state: ParkedState?, limit: Int?) throws -> [ParkedEvent] {
        var request = ParkedEventRow.order(Column("receivedAt"), Column("id"))
        if let state { request = request.filter(Column("state") == state.rawValue) }
        if let limit { request = request.limit(limit) }
        return try request.fetchAll(db).map { try $0.parked() }
    }

    func parkedEventCounts() throws -> [ParkedState: Int] {
        var counts: [ParkedState: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM parkedEvent GROUP BY state") {
            if let state = ParkedState(rawValue: row["state"]) { counts[state] = row["n"] }
        }
        return counts
    }

    func insertParkedEvent(_ event: ParkedEvent) throws {
        do {
            try ParkedEventRow(event).insert(db)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw IssuerError(.duplicate, "event \(event.event.eventID) of \(event.event.source) is kept already")
        }
    }

    func deleteParkedEvent(id: String) throws -> Bool {
        try db.execute(sql: "DELETE FROM parkedEvent WHERE id = ?", arguments: [id])
        return db.changesCount > 0
    }
}
