import Foundation
import GRDB
import IssuerCore

/// The `programRollout` table: a program's rollout mode (a column, `CHECK`ed) and the whole
/// ``ProgramRollout`` as JSON text.
struct ProgramRolloutRow: StoreRecord {
    static let databaseTableName = "programRollout"

    var programID: String
    var mode: String
    var setting: ProgramRollout

    init(_ rollout: ProgramRollout) {
        programID = rollout.programID
        mode = rollout.mode.rawValue
        setting = rollout
    }
}

/// The `shadowDecision` table: the event's source and id as columns (unique, as completions'),
/// the whole ``ShadowDecisionRecord`` as JSON text.
struct ShadowDecisionRow: StoreRecord {
    static let databaseTableName = "shadowDecision"

    var id: String
    var source: String
    var eventID: String
    var programID: String
    var decision: String
    var decidedAt: Date
    var record: ShadowDecisionRecord

    init(_ shadow: ShadowDecisionRecord) {
        id = shadow.id
        source = shadow.event.source
        eventID = shadow.event.eventID
        programID = shadow.programID
        decision = shadow.decision.rawValue
        decidedAt = shadow.decidedAt
        record = shadow
    }
}

/// The `rolloutCheck` table: one post-issuance check per credential, its state a `CHECK`ed
/// column, the whole ``RolloutCheck`` as JSON text.
struct RolloutCheckRow: StoreRecord {
    static let databaseTableName = "rolloutCheck"

    var credentialID: String
    var programID: String
    var state: String
    var enteredAt: Date
    var record: RolloutCheck

    init(_ check: RolloutCheck) {
        credentialID = check.credentialID
        programID = check.programID
        state = check.state.rawValue
        enteredAt = check.enteredAt
        record = check
    }
}
