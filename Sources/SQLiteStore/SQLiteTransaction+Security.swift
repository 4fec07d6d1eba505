import Foundation
import GRDB
import IssuerCore

/// Learners by namespace, API key upkeep and magic links (issue 14).
extension SQLiteTransaction {
    func learner(namespace: LearnerNamespace, externalID: String) throws -> Learner? {
        try LearnerRow.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM learner WHERE namespace = ? AND externalID = ?"),
            arguments: [namespace.rawValue, externalID])?.learner
    }

    func learners(externalID: String) throws -> [Learner] {
        try LearnerRow.fetchAll(db.cachedStatement(sql: "SELECT * FROM learner WHERE externalID = ? ORDER BY id"), arguments: [externalID])
            .map(\.learner)
    }

    func apiKey(id: String) throws -> APIKeyRecord? {
        try APIKeyRow.fetchOne(db, key: id)?.record(sealer: sealer)
    }

    func learnerLink(addressHash: String) throws -> LearnerLinkRecord? {
        try LearnerLinkRow.fetchOne(db, key: addressHash)?.record
    }

    func markAPIKeyUsed(id: String, at date: Date) throws {
        try db.execute(sql: "UPDATE apiKey SET lastUsedAt = ? WHERE id = ?", arguments: [DatabaseTimestamp.text(from: date), id])
    }

    func saveLearnerLink(_ link: LearnerLinkRecord) throws {
        try LearnerLinkRow(link).save(db)
    }
}
