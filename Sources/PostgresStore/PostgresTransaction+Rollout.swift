import Foundation
import IssuerCore
import PostgresNIO

// Rollout settings, shadow decisions and checks (``IssuerCore/RolloutWriting``), as SQLiteTransaction+Rollout.
extension PostgresTransaction: RolloutWriting {
    func programRollout(programID: String) throws -> ProgramRollout? {
        try value(String.self, "SELECT setting::text FROM programRollout WHERE programID = $1", [programID]).map {
            try Self.decodeJSON(ProgramRollout.self, from: $0, of: "the rollout of \(programID)")
        }
    }

    func shadowDecision(source: String, eventID: String) throws -> ShadowDecisionRecord? {
        try value(String.self, "SELECT record::text FROM shadowDecision WHERE source = $1 AND eventID = $2", [source, eventID]).map {
            try Self.decodeJSON(ShadowDecisionRecord.self, from: $0, of: "a shadow decision")
        }
    }

    func shadowDecisions(programID: String) throws -> [ShadowDecisionRecord] {
        try rows("SELECT record::text FROM shadowDecision WHERE programID = $1 ORDER BY decidedAt, id COLLATE \"C\"", [programID]).map {
            var row = $0
            return try Self.decodeJSON(ShadowDecisionRecord.self, from: try row(), of: "a shadow decision")
        }
    }

    func rolloutCheck(credentialID: String) throws -> RolloutCheck? {
        try value(String.self, "SELECT record::text FROM rolloutCheck WHERE credentialID = $1", [credentialID]).map {
            try Self.decodeJSON(RolloutCheck.self, from: $0, of: "the check of \(credentialID)")
        }
    }

    func rolloutChecks(programID: String?, state: RolloutCheckState?) throws -> [RolloutCheck] {
        try rows(
            """
            SELECT record::text FROM rolloutCheck WHERE ($1::text IS NULL OR programID = $1) AND ($2::text IS NULL OR state = $2)
            ORDER BY enteredAt, credentialID COLLATE "C"
            """, [programID, state?.rawValue]
        ).map {
            var row = $0
            return try Self.decodeJSON(RolloutCheck.self, from: try row(), of: "a check")
        }
    }

    func completions(programID: String) throws -> [CompletionRecord] {
        try rows("SELECT \(Self.completionColumns) FROM completion WHERE programID = $1 ORDER BY receivedAt, id COLLATE \"C\"", [programID])
            .map(Self.completion)
    }

    func saveProgramRollout(_ rollout: ProgramRollout) throws {
        try execute(
            """
            INSERT INTO programRollout (programID, mode, setting) VALUES ($1, $2, $3::json)
            ON CONFLICT (programID) DO UPDATE SET mode = excluded.mode, setting = excluded.setting
            """, [rollout.programID, rollout.mode.rawValue, try Self.jsonText(rollout)])
    }

    func saveShadowDecision(_ decision: ShadowDecisionRecord) throws {
        try refusingConflicts {
            try execute(
                """
                INSERT INTO shadowDecision (id, source, eventID, programID, decision, decidedAt, record) VALUES ($1, $2, $3, $4, $5, $6, $7::json)
                ON CONFLICT (id) DO UPDATE SET decision = excluded.decision, record = excluded.record
                """,
                [
                    decision.id, decision.event.source, decision.event.eventID, decision.programID, decision.decision.rawValue,
                    decision.decidedAt, try Self.jsonText(decision),
                ])
        } explain: {
            IssuerError(.duplicate, "event \(decision.event.eventID) of \(decision.event.source) was decided in shadow mode already")
        }
    }

    func saveRolloutCheck(_ check: RolloutCheck) throws {
        try execute(
            """
            INSERT INTO rolloutCheck (credentialID, programID, state, enteredAt, record) VALUES ($1, $2, $3, $4, $5::json)
            ON CONFLICT (credentialID) DO UPDATE SET state = excluded.state, record = excluded.record
            """, [check.credentialID, check.programID, check.state.rawValue, check.enteredAt, try Self.jsonText(check)])
    }
}
