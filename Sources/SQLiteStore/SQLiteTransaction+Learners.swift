import Foundation
import GRDB
import IssuerCore

extension SQLiteTransaction {
    func learners(email: String?, limit: Int) throws -> [Learner] {
        var request = LearnerRow.order(Column("id"))
        // Addresses compare without case: Zoe@Example.org and zoe@example.org are one mailbox in practice.
        if let email { request = request.filter(sql: "lower(email) = lower(?)", arguments: [email]) }
        return try request.limit(max(0, limit)).fetchAll(db).map(\.learner)
    }
}
