import Foundation
import IssuerCore
import PostgresNIO

// The console's credentials list: filters in SQL, newest first by `insertionOrder` (unique and
// indexed with the program, the state and the learner), a page after a position (keyset), and no
// document read: whether a PDF exists comes from `credentialDocument`'s primary key index.
extension PostgresTransaction {
    func credentialList(_ query: CredentialListQuery) throws -> [CredentialListRow] {
        var (conditions, values) = Self.conditions(query)
        if let after = query.after {
            values.append(after)
            conditions.append("credential.insertionOrder < $\(values.count)")
        }
        values.append(max(0, query.limit))
        let sql = """
            SELECT credential.insertionOrder, credential.id, credential.learnerID,
                coalesce(learner.preferredName, learner.legalName), learner.email,
                credential.programID, credential.state, credential.issuedAt, credential.validUntil, credential.claimedAt,
                EXISTS (SELECT 1 FROM credentialDocument WHERE credentialID = credential.id AND kind = 'pdf')
            FROM credential JOIN learner ON learner.id = credential.learnerID
            \(Self.whereClause(conditions))
            ORDER BY credential.insertionOrder DESC LIMIT $\(values.count)
            """
        return try rows(sql, values).map { row in
            var row = row
            let position = try row(Int64.self)
            let id = try row(String.self)
            let learnerID = try row(String.self)
            let learnerName = try row(String.self)
            let learnerEmail = try row(String.self)
            let programID = try row(String.self)
            let state = try Self.named(try row(), as: CredentialState.self, of: "credential \(id)", column: "state")
            return CredentialListRow(
                position: position, id: id, learnerID: learnerID, learnerName: learnerName, learnerEmail: learnerEmail,
                programID: programID, state: state, issuedAt: try row.date(), validUntil: try row.optionalDate(),
                claimedAt: try row.optionalDate(), hasPDF: try row())
        }
    }

    func credentialListCount(_ query: CredentialListQuery) throws -> Int {
        let (conditions, values) = Self.conditions(query)
        return try value(Int.self, "SELECT count(*) FROM credential \(Self.whereClause(conditions))", values) ?? 0
    }

    private static func conditions(_ query: CredentialListQuery) -> ([String], [(any PostgresBindable)?]) {
        var conditions: [String] = []
        var values: [(any PostgresBindable)?] = []
        if let programID = query.programID {
            values.append(programID)
            conditions.append("credential.programID = $\(values.count)")
        }
        if let state = query.state {
            values.append(state.rawValue)
            conditions.append("credential.state = $\(values.count)")
        }
        if let issuedFrom = query.issuedFrom {
            values.append(issuedFrom)
            conditions.append("credential.issuedAt >= $\(values.count)")
        }
        if let issuedBefore = query.issuedBefore {
            values.append(issuedBefore)
            conditions.append("credential.issuedAt < $\(values.count)")
        }
        if let learner = query.learner {
            values.append(learner)
            let placeholder = "$\(values.count)"
            conditions.append(
                """
                credential.learnerID IN (SELECT id FROM learner WHERE id = \(placeholder) UNION
                    SELECT id FROM learner WHERE lower(email) = lower(\(placeholder)) UNION
                    SELECT id FROM learner WHERE externalID = \(placeholder))
                """)
        }
        return (conditions, values)
    }

    private static func whereClause(_ conditions: [String]) -> String {
        conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    }
}
