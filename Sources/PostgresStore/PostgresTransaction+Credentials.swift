import Foundation
import IssuerCore
import PostgresNIO

// Credentials: their rows, summaries without files, and the files one at a time. Which files
// exist is answered by `credentialDocument`'s primary key index, never by reading the bytes.
extension PostgresTransaction {
    /// The credential columns and whether each file exists, from `credential`.
    static let summarySelection = """
        SELECT id, learnerID, programID, programVersion, completionID, issuedAt, validUntil, state, revocationList,
            revocationIndex, suspensionList, suspensionIndex, passcode, stateReason, supersededBy, supersedes, claimedAt,
            EXISTS (SELECT 1 FROM credentialDocument WHERE credentialID = credential.id AND kind = 'json') AS isSigned,
            EXISTS (SELECT 1 FROM credentialDocument WHERE credentialID = credential.id AND kind = 'pdf') AS hasPDF,
            EXISTS (SELECT 1 FROM credentialDocument WHERE credentialID = credential.id AND kind = 'png') AS hasPNG
        FROM credential
        """

    static func summary(_ row: PostgresRowReader) throws -> CredentialRecordSummary {
        var row = row
        let id = try row(String.self)
        let learnerID = try row(String.self)
        let programID = try row(String.self)
        let programVersion = try row.int()
        let completionID = try row(String.self)
        let issuedAt = try row.date()
        let validUntil = try row.optionalDate()
        let state = try named(try row(), as: CredentialState.self, of: "credential \(id)", column: "state")
        var summary = CredentialRecordSummary(
            CredentialRecord(
                id: id, learnerID: learnerID, programID: programID, programVersion: programVersion, completionID: completionID,
                issuedAt: issuedAt, validUntil: validUntil, state: state, revocationList: try row(), revocationIndex: try row.int(),
                suspensionList: try row(), suspensionIndex: try row.int(), passcode: try row.optional(), stateReason: try row.optional(),
                supersededBy: try row.optional(), supersedes: try row.optional(), claimedAt: try row.optionalDate()))
        summary.isSigned = try row()
        summary.hasPDF = try row()
        summary.hasPNG = try row()
        return summary
    }

    /// The full record of a summary, with its files.
    func fullRecord(_ summary: CredentialRecordSummary) throws -> CredentialRecord {
        let documents = try documents(of: summary.id)
        return summary.record(credentialJSON: documents[.json], pdf: documents[.pdf], png: documents[.png])
    }

    func credential(id: String) throws -> CredentialRecord? {
        try credentialSummary(id: id).map(fullRecord)
    }

    func currentCredential(learnerID: String, programID: String) throws -> CredentialRecord? {
        try currentCredentialSummary(learnerID: learnerID, programID: programID).map(fullRecord)
    }

    func credentials(filter: CredentialFilter) throws -> [CredentialRecord] {
        try credentialSummaries(filter: filter).map(fullRecord)
    }

    func credential(passcode: String) throws -> CredentialRecord? {
        try credentialSummary(passcode: passcode).map(fullRecord)
    }

    func credentialSummary(id: String) throws -> CredentialRecordSummary? {
        try row(Self.summarySelection + " WHERE id = $1", [id]).map(Self.summary)
    }

    func credentialSummary(passcode: String) throws -> CredentialRecordSummary? {
        try row(Self.summarySelection + " WHERE passcode = $1 ORDER BY insertionOrder LIMIT 1", [passcode]).map(Self.summary)
    }

    func currentCredentialSummary(learnerID: String, programID: String) throws -> CredentialRecordSummary? {
        try row(
            Self.summarySelection
                + " WHERE learnerID = $1 AND programID = $2 AND state <> 'superseded' ORDER BY insertionOrder DESC LIMIT 1",
            [learnerID, programID]
        ).map(Self.summary)
    }

    func credentialSummaries(filter: CredentialFilter) throws -> [CredentialRecordSummary] {
        var conditions: [String] = []
        var values: [(any PostgresBindable)?] = []
        if let learnerID = filter.learnerID {
            values.append(learnerID)
            conditions.append("learnerID = $\(values.count)")
        }
        if let programID = filter.programID {
            values.append(programID)
            conditions.append("programID = $\(values.count)")
        }
        if let states = filter.states {
            var placeholders: [String] = []
            for name in states.map(\.rawValue).sorted() {
                values.append(name)
                placeholders.append("$\(values.count)")
            }
            conditions.append(placeholders.isEmpty ? "false" : "state IN (" + placeholders.joined(separator: ", ") + ")")
        }
        var sql = Self.summarySelection
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY insertionOrder"
        if let limit = filter.limit {
            values.append(max(limit, 0))
            sql += " LIMIT $\(values.count)"
        }
        return try rows(sql, values).map(Self.summary)
    }

    func credentialDocument(_ kind: CredentialDocumentKind, credentialID: String) throws -> Data? {
        try value(Data.self, "SELECT bytes FROM credentialDocument WHERE credentialID = $1 AND kind = $2", [credentialID, kind.rawValue])
    }

    /// Every stored file of credential `id`.
    func documents(of id: String) throws -> [CredentialDocumentKind: Data] {
        var documents: [CredentialDocumentKind: Data] = [:]
        for row in try rows("SELECT kind, bytes FROM credentialDocument WHERE credentialID = $1", [id]) {
            var row = row
            let kind = try Self.named(try row(), as: CredentialDocumentKind.self, of: "credential \(id)", column: "file kind")
            documents[kind] = try row(Data.self)
        }
        return documents
    }

    func insertCredential(_ credential: CredentialRecord) throws {
        if try value(Int.self, "SELECT 1 FROM credential WHERE id = $1", [credential.id]) != nil {
            throw IssuerError(.duplicate, "credential id \(credential.id) is taken")
        }
        // Writers take turns (see PostgresStoreDatabase), so max + 1 is the next position, as in SQLite.
        let insertionOrder = try value(Int64.self, "SELECT coalesce(max(insertionOrder), 0) + 1 FROM credential") ?? 1
        try refusingConflicts {
            try execute(
                """
                INSERT INTO credential (id, insertionOrder, learnerID, programID, programVersion, completionID, issuedAt, validUntil,
                    state, revocationList, revocationIndex, suspensionList, suspensionIndex, passcode, stateReason, supersededBy,
                    supersedes, claimedAt)
                VALUES ($1, $18, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                """, Self.credentialValues(credential) + [insertionOrder])
        } explain: {
            try self.credentialConflict(credential, indexHolder: self.holder(ofList:index:))
        }
        try saveDocuments(of: credential)
    }

    func updateCredential(_ credential: CredentialRecord) throws {
        guard try value(Int.self, "SELECT 1 FROM credential WHERE id = $1", [credential.id]) != nil else {
            throw IssuerError(.notFound, "credential \(credential.id)")
        }
        try refusingConflicts {
            try execute(
                """
                UPDATE credential SET learnerID = $2, programID = $3, programVersion = $4, completionID = $5, issuedAt = $6,
                    validUntil = $7, state = $8, revocationList = $9, revocationIndex = $10, suspensionList = $11,
                    suspensionIndex = $12, passcode = $13, stateReason = $14, supersededBy = $15, supersedes = $16, claimedAt = $17
                WHERE id = $1
                """, Self.credentialValues(credential))
        } explain: {
            try self.credentialConflict(credential, indexHolder: self.holder(ofList:index:))
        }
        try saveDocuments(of: credential)
    }

    private static func credentialValues(_ credential: CredentialRecord) -> [(any PostgresBindable)?] {
        [
            credential.id, credential.learnerID, credential.programID, credential.programVersion, credential.completionID,
            credential.issuedAt, credential.validUntil, credential.state.rawValue, credential.revocationList, credential.revocationIndex,
            credential.suspensionList, credential.suspensionIndex, credential.passcode, credential.stateReason, credential.supersededBy,
            credential.supersedes, credential.claimedAt,
        ]
    }

    /// Writes the files of `credential` as they are in the record: a file set is stored (unless
    /// the same bytes are there), a file that is `nil` is removed.
    func saveDocuments(of credential: CredentialRecord) throws {
        for kind in CredentialDocumentKind.allCases {
            if let bytes = credential.document(kind) {
                try execute(
                    """
                    INSERT INTO credentialDocument (credentialID, kind, bytes) VALUES ($1, $2, $3)
                    ON CONFLICT (credentialID, kind) DO UPDATE SET bytes = excluded.bytes
                    WHERE credentialDocument.bytes IS DISTINCT FROM excluded.bytes
                    """, [credential.id, kind.rawValue, bytes])
            } else {
                try execute("DELETE FROM credentialDocument WHERE credentialID = $1 AND kind = $2", [credential.id, kind.rawValue])
            }
        }
    }

    /// The id of the credential holding `index` of `list`, if any.
    func holder(ofList list: String, index: Int) throws -> String? {
        try value(
            String.self,
            """
            SELECT id FROM credential WHERE revocationList = $1 AND revocationIndex = $2
            UNION ALL SELECT id FROM credential WHERE suspensionList = $1 AND suspensionIndex = $2 LIMIT 1
            """, [list, index])
    }
}
