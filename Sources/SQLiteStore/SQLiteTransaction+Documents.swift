import Foundation
import GRDB
import IssuerCore

// Credentials without their files, and the files one at a time: what listings, intake and the
// verification page read. Which files exist is answered by the primary key's index of
// `credentialDocument`, never by reading the bytes.
extension SQLiteTransaction {
    /// The credential columns and whether each file exists, from `credential`.
    static let summarySelection = """
        SELECT \(CredentialRow.columnList),
            EXISTS (SELECT 1 FROM credentialDocument WHERE credentialID = credential.id AND kind = 'json') AS isSigned,
            EXISTS (SELECT 1 FROM credentialDocument WHERE credentialID = credential.id AND kind = 'pdf') AS hasPDF,
            EXISTS (SELECT 1 FROM credentialDocument WHERE credentialID = credential.id AND kind = 'png') AS hasPNG
        FROM credential
        """

    func credentialSummary(id: String) throws -> CredentialRecordSummary? {
        try Row.fetchOne(db.cachedStatement(sql: Self.summarySelection + " WHERE id = ?"), arguments: [id]).map(Self.summary)
    }

    func credentialSummary(passcode: String) throws -> CredentialRecordSummary? {
        try Row.fetchOne(
            db.cachedStatement(sql: Self.summarySelection + " WHERE passcode = ? ORDER BY insertionOrder LIMIT 1"), arguments: [passcode]
        ).map(Self.summary)
    }

    func currentCredentialSummary(learnerID: String, programID: String) throws -> CredentialRecordSummary? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: Self.summarySelection
                    + " WHERE learnerID = ? AND programID = ? AND state <> 'superseded' ORDER BY insertionOrder DESC LIMIT 1"),
            arguments: [learnerID, programID]
        ).map(Self.summary)
    }

    func credentialSummaries(filter: CredentialFilter) throws -> [CredentialRecordSummary] {
        let (sql, arguments) = Self.filtered(Self.summarySelection, filter)
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.summary)
    }

    func credentialDocument(_ kind: CredentialDocumentKind, credentialID: String) throws -> Data? {
        try Data.fetchOne(
            db.cachedStatement(sql: "SELECT bytes FROM credentialDocument WHERE credentialID = ? AND kind = ?"),
            arguments: [credentialID, kind.rawValue])
    }

    /// Every stored file of credential `id`.
    func documents(of id: String) throws -> [CredentialDocumentKind: Data] {
        var documents: [CredentialDocumentKind: Data] = [:]
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT kind, bytes FROM credentialDocument WHERE credentialID = ?"), arguments: [id])
        while let row = try rows.next() {
            let kind: String = row["kind"]
            guard let documentKind = CredentialDocumentKind(rawValue: kind) else {
                throw IssuerError(.storeUnavailable, "credential \(id) has a file of unknown kind \"\(kind)\"")
            }
            documents[documentKind] = row["bytes"]
        }
        return documents
    }

    /// The full record of a fetched credential row, with its files.
    func fullRecord(_ row: CredentialRow) throws -> CredentialRecord {
        try row.record(documents: documents(of: row.id))
    }

    /// Writes the files of `credential` as they are in the record: a file set is stored (unless
    /// the same bytes are there), a file that is `nil` is removed, like the columns they were.
    func saveDocuments(of credential: CredentialRecord) throws {
        for kind in CredentialDocumentKind.allCases {
            if let bytes = credential.document(kind) {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO credentialDocument (credentialID, kind, bytes) VALUES (?, ?, ?)
                        ON CONFLICT (credentialID, kind) DO UPDATE SET bytes = excluded.bytes WHERE bytes IS NOT excluded.bytes
                        """
                ).execute(arguments: [credential.id, kind.rawValue, bytes])
            } else {
                try db.cachedStatement(sql: "DELETE FROM credentialDocument WHERE credentialID = ? AND kind = ?")
                    .execute(arguments: [credential.id, kind.rawValue])
            }
        }
    }

    /// `select` with the filter's conditions, in insertion order, limited.
    static func filtered(_ select: String, _ filter: CredentialFilter) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let learnerID = filter.learnerID {
            conditions.append("learnerID = ?")
            arguments += [learnerID]
        }
        if let programID = filter.programID {
            conditions.append("programID = ?")
            arguments += [programID]
        }
        if let states = filter.states {
            let names = states.map(\.rawValue).sorted()
            conditions.append("state IN (" + names.map { _ in "?" }.joined(separator: ", ") + ")")
            arguments += StatementArguments(names)
        }
        var sql = select
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY insertionOrder"
        if let limit = filter.limit {
            sql += " LIMIT ?"
            arguments += [max(limit, 0)]
        }
        return (sql, arguments)
    }

    private static func summary(_ row: Row) throws -> CredentialRecordSummary {
        try CredentialRow(row: row).summary(isSigned: row["isSigned"], hasPDF: row["hasPDF"], hasPNG: row["hasPNG"])
    }
}
