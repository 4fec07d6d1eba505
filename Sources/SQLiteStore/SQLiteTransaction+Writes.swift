import Foundation
import GRDB
import IssuerCore

extension SQLiteTransaction {
    func saveIssuer(_ issuer: IssuerProfile) throws {
        try IssuerRow(issuer).save(db)
    }

    func saveSigningKey(_ key: SigningKeyRecord) throws {
        try SigningKeyRow(key).save(db)
    }

    func insertIssuerSecret(name: String, value: [UInt8]) throws {
        if try issuerSecret(name: name) != nil { throw IssuerError(.duplicate, "the issuer secret \(name) exists") }
        try db.execute(sql: "INSERT INTO issuerSecret (name, value) VALUES (?, ?)", arguments: [name, Data(value)])
    }

    func saveProgram(_ program: Program) throws {
        // `save` updates in place, then inserts if there was nothing to update; unlike
        // INSERT OR REPLACE it never deletes the row credentials point to.
        try ProgramRow(program).save(db)
    }

    func saveLearner(_ learner: Learner) throws {
        try refusingConflicts {
            try LearnerRow(learner).save(db)
        } explain: {
            IssuerError(.duplicate, "a learner with external id \(learner.externalID) exists")
        }
    }

    func insertCompletion(_ completion: CompletionRecord) throws {
        try refusingConflicts {
            try CompletionRow(completion).insert(db)
        } explain: {
            try self.completionConflict(completion)
        }
    }

    func updateCompletion(_ completion: CompletionRecord) throws {
        guard try CompletionRow.exists(db, key: completion.id) else { throw IssuerError(.notFound, "completion \(completion.id)") }
        try refusingConflicts {
            try CompletionRow(completion).update(db)
        } explain: {
            try self.completionConflict(completion)
        }
    }

    func insertCredential(_ credential: CredentialRecord) throws {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM credential WHERE id = ?", arguments: [credential.id]) != nil {
            throw IssuerError(.duplicate, "credential id \(credential.id) is taken")
        }
        let insertionOrder = try Int64.fetchOne(db, sql: "SELECT coalesce(max(insertionOrder), 0) + 1 FROM credential") ?? 1
        try refusingConflicts {
            try CredentialRow(credential, insertionOrder: insertionOrder).insert(db)
        } explain: {
            try self.credentialConflict(credential, indexHolder: self.holder(ofList:index:))
        }
        try saveDocuments(of: credential)
    }

    func updateCredential(_ credential: CredentialRecord) throws {
        guard
            let insertionOrder = try Int64.fetchOne(
                db, sql: "SELECT insertionOrder FROM credential WHERE id = ?", arguments: [credential.id])
        else { throw IssuerError(.notFound, "credential \(credential.id)") }
        try refusingConflicts {
            try CredentialRow(credential, insertionOrder: insertionOrder).update(db, columns: CredentialRow.updatableColumns)
        } explain: {
            try self.credentialConflict(credential, indexHolder: self.holder(ofList:index:))
        }
        try saveDocuments(of: credential)
    }

    func saveStatusList(_ list: StatusListRecord) throws {
        try StatusListRow(list).save(db)
    }

    func incrementStatusListAllocated(id: String) throws {
        // Prepared once per connection: every completion runs it twice.
        let statement = try db.cachedStatement(sql: "UPDATE statusList SET allocated = allocated + 1 WHERE id = ?")
        try statement.execute(arguments: [id])
        guard db.changesCount == 1 else { throw IssuerError(.notFound, "status list \(id)") }
    }

    func appendAuditEntry(_ entry: AuditEntry) throws {
        try refusingConflicts {
            try AuditEntryRow(entry).insert(db)
        } explain: {
            let last = try Int.fetchOne(db, sql: "SELECT max(sequence) FROM auditEntry") ?? 0
            return IssuerError(.duplicate, "audit entry \(entry.sequence) does not follow \(last)")
        }
    }

    func saveOutboxMessage(_ message: OutboxMessage) throws {
        try OutboxMessageRow(message).save(db)
    }

    func saveAPIKey(_ key: APIKeyRecord) throws {
        try refusingConflicts {
            try APIKeyRow(key, sealer: sealer).save(db)
        } explain: {
            IssuerError(.duplicate, "an API key named \(key.name), or with the same token, exists")
        }
    }

    func markAPIKeyUsed(id: String, at date: Date) throws {
        try db.execute(sql: "UPDATE apiKey SET lastUsedAt = ? WHERE id = ?", arguments: [DatabaseTimestamp.text(from: date), id])
    }

    func saveLearnerLink(_ link: LearnerLinkRecord) throws {
        try LearnerLinkRow(link).save(db)
    }

    // MARK: Turning refusals of the database into IssuerError

    /// Runs `operation`; when SQLite refuses it on a constraint, throws the rule `explain` names
    /// instead, so callers learn what rule they hit and never see SQL. A refused statement is undone
    /// by SQLite on its own; the transaction stays open and usable.
    private func refusingConflicts(_ operation: () throws -> Void, explain: () throws -> IssuerError?) throws {
        do {
            try operation()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw try explain() ?? IssuerError(.duplicate, "the database refused the change: \(error.message ?? "a constraint failed")")
        }
    }

    /// Which rule a refused completion broke: a replay, or a learner that is not stored.
    private func completionConflict(_ completion: CompletionRecord) throws -> IssuerError? {
        let replay = try String.fetchOne(
            db, sql: "SELECT id FROM completion WHERE source = ? AND eventID = ?",
            arguments: [completion.event.source, completion.event.eventID])
        if let replay, replay != completion.id {
            return IssuerError(.duplicate, "event \(completion.event.eventID) from \(completion.event.source) is already stored")
        }
        if try learner(id: completion.learnerID) == nil {
            return IssuerError(.notFound, "completion \(completion.id) names learner \(completion.learnerID), who is not stored")
        }
        return nil
    }
}
