import Foundation
import GRDB
import IssuerCore

extension SQLiteTransaction: RolloutWriting {
    func programRollout(programID: String) throws -> ProgramRollout? {
        try ProgramRolloutRow.fetchOne(db, sql: "SELECT \(ProgramRolloutRow.columnList) FROM programRollout WHERE programID = ?", arguments: [programID])?.setting
    }

    func shadowDecision(source: String, eventID: String) throws -> ShadowDecisionRecord? {
        try ShadowDecisionRow.fetchOne(
            db.cachedStatement(sql: "SELECT \(ShadowDecisionRow.columnList) FROM shadowDecision WHERE source = ? AND eventID = ?"), arguments: [source, eventID])?.record
    }

    func shadowDecisions(programID: String) throws -> [ShadowDecisionRecord] {
        try ShadowDecisionRow.fetchAll(
            db, sql: "SELECT \(ShadowDecisionRow.columnList) FROM shadowDecision WHERE programID = ? ORDER BY decidedAt, id", arguments: [programID]
        ).map(\.record)
    }

    func rolloutCheck(credentialID: String) throws -> RolloutCheck? {
        try RolloutCheckRow.fetchOne(db, sql: "SELECT \(RolloutCheckRow.columnList) FROM rolloutCheck WHERE credentialID = ?", arguments: [credentialID])?.record
    }

    func rolloutChecks(programID: String?, state: RolloutCheckState?) throws -> [RolloutCheck] {
        try RolloutCheckRow.fetchAll(
            db,
            sql: """
                SELECT \(RolloutCheckRow.columnList) FROM rolloutCheck WHERE (?1 IS NULL OR programID = ?1) AND (?2 IS NULL OR state = ?2)
                ORDER BY enteredAt, credentialID
                """, arguments: [programID, state?.rawValue]
        ).map(\.record)
    }

    func completions(programID: String) throws -> [CompletionRecord] {
        try CompletionRow.filter(Column("programID") == programID).order(Column("receivedAt"), Column("id")).fetchAll(db).map {
            try $0.record()
        }
    }

    func saveProgramRollout(_ rollout: ProgramRollout) throws {
        try ProgramRolloutRow(rollout).save(db)
    }

    func saveShadowDecision(_ decision: ShadowDecisionRecord) throws {
        do {
            try ShadowDecisionRow(decision).save(db)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw IssuerError(.duplicate, "event \(decision.event.eventID) of \(decision.event.source) was decided in shadow mode already")
        }
    }

    func saveRolloutCheck(_ check: RolloutCheck) throws {
        try RolloutCheckRow(check).save(db)
    }
}
