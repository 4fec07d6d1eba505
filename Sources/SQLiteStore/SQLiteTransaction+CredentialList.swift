import Foundation
import GRDB
import IssuerCore

// The console's credentials list: filters in SQL, newest first by `insertionOrder` (unique and
// indexed with the program, the state and the learner), a page after a position (keyset, so page
// 400 costs what page 1 costs), and no document read: whether a PDF exists comes from the
// primary key's index of `credentialDocument`.
extension SQLiteTransaction: CredentialListReading {
    func credentialList(_ query: CredentialListQuery) throws -> [CredentialListRow] {
        var (conditions, arguments) = Self.conditions(query)
        if let after = query.after {
            conditions.append("credential.insertionOrder < :after")
            arguments += ["after": after]
        }
        arguments += ["limit": max(0, query.limit)]
        let sql = """
            SELECT credential.insertionOrder, credential.id, credential.learnerID,
                coalesce(learner.preferredName, learner.legalName) AS learnerName, learner.email AS learnerEmail,
                credential.programID, credential.state, credential.issuedAt, credential.validUntil, credential.claimedAt,
                EXISTS (SELECT 1 FROM credentialDocument WHERE credentialID = credential.id AND kind = 'pdf') AS hasPDF
            FROM credential JOIN learner ON learner.id = credential.learnerID
            \(Self.whereClause(conditions))
            ORDER BY credential.insertionOrder DESC LIMIT :limit
            """
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.listRow)
    }

    func credentialListCount(_ query: CredentialListQuery) throws -> Int {
        let (conditions, arguments) = Self.conditions(query)
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM credential \(Self.whereClause(conditions))", arguments: arguments) ?? 0
    }

    private static func conditions(_ query: CredentialListQuery) -> ([String], StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let programID = query.programID {
            conditions.append("credential.programID = :program")
            arguments += ["program": programID]
        }
        if let state = query.state {
            conditions.append("credential.state = :state")
            arguments += ["state": state.rawValue]
        }
        if let issuedFrom = query.issuedFrom {
            conditions.append("credential.issuedAt >= :issuedFrom")
            arguments += ["issuedFrom": DatabaseTimestamp.text(from: issuedFrom)]
        }
        if let issuedBefore = query.issuedBefore {
            conditions.append("credential.issuedAt < :issuedBefore")
            arguments += ["issuedBefore": DatabaseTimestamp.text(from: issuedBefore)]
        }
        if let learner = query.learner {
            // Each alternative has its index: the primary key, `learner_by_email` (lower(email)),
            // `learner_by_external_id`.
            conditions.append(
                """
                credential.learnerID IN (SELECT id FROM learner WHERE id = :learner UNION
                    SELECT id FROM learner WHERE lower(email) = lower(:learner) UNION
                    SELECT id FROM learner WHERE externalID = :learner)
                """)
            arguments += ["learner": learner]
        }
        return (conditions, arguments)
    }

    private static func whereClause(_ conditions: [String]) -> String {
        conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    }

    private static func listRow(_ row: Row) throws -> CredentialListRow {
        let stateText: String = row["state"]
        guard let state = CredentialState(rawValue: stateText) else {
            throw IssuerError(.storeUnavailable, "credential \(row["id"] as String) has an unknown state \"\(stateText)\"")
        }
        return CredentialListRow(
            position: row["insertionOrder"], id: row["id"], learnerID: row["learnerID"], learnerName: row["learnerName"],
            learnerEmail: row["learnerEmail"], programID: row["programID"], state: state,
            issuedAt: try timestamp(row["issuedAt"]), validUntil: try (row["validUntil"] as String?).map(timestamp),
            claimedAt: try (row["claimedAt"] as String?).map(timestamp), hasPDF: row["hasPDF"])
    }

    private static func timestamp(_ text: String) throws -> Date {
        try DatabaseTimestamp.date(reading: text, of: "a credential")
    }
}
