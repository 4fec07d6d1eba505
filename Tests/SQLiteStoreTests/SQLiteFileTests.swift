import Foundation
import GRDB
import IssuerCore
import SQLiteStore
import Testing

/// What only a real database file shows: migration, reopening, WAL, sharing a file between store
/// instances, and rules that hold even against raw SQL.
@Suite("SQLite file")
struct SQLiteFileTests {
    let scratch: TemporaryDirectory
    let path: String

    init() throws {
        scratch = try TemporaryDirectory()
        path = scratch.file("attest.sqlite")
    }

    /// The file opened with GRDB directly, bypassing the store.
    func rawDatabase() throws -> DatabaseQueue {
        try DatabaseQueue(path: path)
    }

    @Test func anEmptyFileIsMigratedToTheCurrentSchema() async throws {
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try SQLiteIssuerStore(path: path)
        try await store.write { try $0.saveIssuer(Samples.issuer) }

        try await rawDatabase().read { db in
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'grdb%' ORDER BY name")
            #expect(
                tables == [
                    "apiKey", "auditEntry", "completion", "complianceWatch", "credential", "credentialDocument", "credentialOffer", "engagement",
                    "issuer", "issuerSecret", "learner", "learnerLink", "learnerSearch", "learnerSearch_config", "learnerSearch_content",
                    "learnerSearch_data", "learnerSearch_docsize", "learnerSearch_idx", "outboxMessage", "parkedEvent", "program",
                    "programRollout", "programSettings", "rolloutCheck", "scheduledWork", "shadowDecision", "signingKey", "staffMember",
                    "staffSession", "staffSettings", "staffSignInLink", "statusList", "trainingAssignment", "trainingCompletion",
                    "trainingConfiguration", "uptime", "walletExchange", "walletNonce", "webhookEndpoint",
                ])
            // In text order: "v10…" sorts before "v2".
            #expect(
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") == [
                    "v1", "v10-staff", "v11-console-indexes", "v12-learner-search", "v13-oid4vci", "v14-wallet-exchanges", "v15-uptime",
                    "v17-schedules", "v19-api-key-restrictions", "v2", "v20-engagement", "v21-rollout", "v22-drift", "v23-webhook-endpoints",
                    "v24-intake-holds",
                    "v3-compliance", "v4-claims", "v5-security", "v6-compromised-keys", "v7-credential-documents", "v8-program-names",
                    "v9-typed-domain",
                ])
            let triggers = try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")
            #expect(
                triggers == [
                    "auditEntry_follows_last", "auditEntry_no_delete", "auditEntry_no_update", "issuerSecret_no_update",
                    "learnerSearch_delete", "learnerSearch_insert", "learnerSearch_update", "program_names_insert", "program_names_update", "signingKey_compromise_is_final", "signingKey_compromised_is_retired", "trainingCompletion_no_delete",
                ])
        }
        // Opening again runs nothing twice and keeps what is there.
        let reopened = try SQLiteIssuerStore(path: path)
        #expect(try await reopened.read { try $0.issuer() } == Samples.issuer)
    }

    @Test func aReopenedFileKeepsEverything() async throws {
        let credential = Samples.credential("cred-1", revocationIndex: 42)
        do {
            let store = try SQLiteIssuerStore(path: path)
            try await store.write { transaction in
                try Samples.seed(in: transaction)
                try transaction.insertCredential(credential)
                try transaction.appendAuditEntry(Samples.auditEntry(1))
            }
        }
        let reopened = try SQLiteIssuerStore(path: path)
        try await reopened.read { reading throws in
            #expect(try reading.issuer() == Samples.issuer)
            #expect(try reading.program(id: "working-at-height") == Samples.program())
            #expect(try reading.completion(id: "cmp-1") == Samples.completion("cmp-1"))
            #expect(try reading.credential(id: "cred-1") == credential)
            #expect(try reading.lastAuditEntry() == Samples.auditEntry(1))
        }
    }

    @Test func theFileIsInWALMode() async throws {
        _ = try SQLiteIssuerStore(path: path)
        let journalMode = try await rawDatabase().read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(journalMode == "wal")
    }

    @Test func datesAreFixedWidthUTCTextInColumnsAndJSON() async throws {
        let store = try SQLiteIssuerStore(path: path)
        try await store.write { try Samples.seed(in: $0) }
        let (column, inJSON) = try await rawDatabase().read { db in
            let row = try #require(
                try Row.fetchOne(db, sql: "SELECT receivedAt, json_extract(event, '$.completedAt') AS completedAt FROM completion"))
            return (row["receivedAt"] as String?, row["completedAt"] as String?)
        }
        #expect(column == "2026-10-29T20:53:30.123456717Z")
        #expect(inJSON == "2026-10-29T19:53:20.123456359Z")
    }

    @Test(arguments: [
        Date(timeIntervalSinceReferenceDate: Double(815_000_000).nextDown), Date(timeIntervalSinceReferenceDate: -86_400.25),
        Date(timeIntervalSince1970: 0),
        Date(timeIntervalSinceReferenceDate: 0), Date.distantPast, Date.distantFuture,
        Date(timeIntervalSince1970: 1_795_000_000.987_654_321),
    ])
    func everyDateReadsBackIdentical(date: Date) async throws {
        let store = try SQLiteIssuerStore(path: path)
        let key = SigningKeyRecord(id: "key-1", publicKeyMultibase: "z6Mk", fileName: "key-1.pem", createdAt: date, retiredAt: date)
        try await store.write { try $0.saveSigningKey(key) }
        #expect(try await store.read { try $0.signingKeys() } == [key])
    }

    @Test func theAuditTableRefusesUpdateAndDeleteEvenThroughRawSQL() async throws {
        let store = try SQLiteIssuerStore(path: path)
        try await store.write { transaction in
            for sequence in 1...3 { try transaction.appendAuditEntry(Samples.auditEntry(sequence)) }
        }
        let raw = try rawDatabase()
        for statement in [
            "UPDATE auditEntry SET kind = 'credential.issued' WHERE sequence = 2", "UPDATE auditEntry SET sequence = sequence + 10",
            "DELETE FROM auditEntry WHERE sequence = 3", "DELETE FROM auditEntry",
        ] {
            let error = try #require(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: statement) } }
            #expect(error.message == "audit entries are append-only", "\(statement)")
        }
        let gap = try #require(throws: DatabaseError.self) {
            try raw.write {
                try $0.execute(
                    sql:
                        "INSERT INTO auditEntry SELECT sequence + 2, at, kind, actor, subject, data, previousHash, hash, keyID, signature FROM auditEntry WHERE sequence = 3"
                )
            }
        }
        #expect(gap.message == "audit entries must follow the last one without gaps")
        #expect(try await store.read { try $0.auditEntries(from: 1, limit: 10) } == (1...3).map(Samples.auditEntry))
    }

    @Test func theDatabaseItselfRefusesReplaysTakenIndexesAndSecondCurrentCredentials() async throws {
        let store = try SQLiteIssuerStore(path: path)
        try await store.write { transaction in
            try Samples.seed(in: transaction)
            try transaction.insertCredential(Samples.credential("cred-1", revocationIndex: 7, suspensionIndex: 8))
        }
        let raw = try rawDatabase()
        let copyCompletion =
            "INSERT INTO completion SELECT 'cmp-copy', source, eventID, programID, learnerID, event, receivedAt, state, reasons, NULL, NULL, NULL FROM completion"
        // A copy of cred-1 with a new id and insertion order, then the given changes (and no claim, v4-claims).
        let copyCredential = { @Sendable (changes: String) in
            "INSERT INTO credential SELECT 'cred-copy', insertionOrder + 1, \(changes), NULL FROM credential"
        }
        let sameLearnerAndProgram = copyCredential(
            "learnerID, programID, programVersion, completionID, issuedAt, validUntil, 'active', revocationList, 70, suspensionList, 80, NULL, NULL, NULL, NULL"
        )
        let takenRevocationIndex = copyCredential(
            "'lrn-2', programID, programVersion, completionID, issuedAt, validUntil, 'active', revocationList, revocationIndex, suspensionList, 80, NULL, NULL, NULL, NULL"
        )
        let takenSuspensionIndex = copyCredential(
            "'lrn-2', programID, programVersion, completionID, issuedAt, validUntil, 'active', revocationList, 70, suspensionList, suspensionIndex, NULL, NULL, NULL, NULL"
        )
        let unknownLearner = copyCredential(
            "'lrn-404', programID, programVersion, completionID, issuedAt, validUntil, 'active', revocationList, 70, suspensionList, 80, NULL, NULL, NULL, NULL"
        )
        for statement in [copyCompletion, sameLearnerAndProgram, takenRevocationIndex, takenSuspensionIndex, unknownLearner] {
            let error = try #require(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: statement) } }
            #expect(error.resultCode == .SQLITE_CONSTRAINT, "\(statement)")
        }
        // The same copy as a superseded version, with free indexes, is allowed.
        let supersededVersion = copyCredential(
            "learnerID, programID, programVersion, completionID, issuedAt, validUntil, 'superseded', revocationList, 70, suspensionList, 80, NULL, NULL, NULL, NULL"
        )
        try await raw.write { try $0.execute(sql: supersededVersion) }
        #expect(try await store.read { try $0.credentials(filter: CredentialFilter()).map(\.id) } == ["cred-1", "cred-copy"])
    }

    @Test func aNewFileAndItsJournalAreReadableByTheOwnerOnly() async throws {
        let store = try SQLiteIssuerStore(path: path)
        try await store.write { try $0.saveIssuer(Samples.issuer) }
        for file in [path, path + "-wal"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(file)")
        }
    }

    @Test func aFileThatIsNotADatabaseIsReportedAsUnavailable() throws {
        try Data("name,email\nZoë,zoe@example.org\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: IssuerError.self) { try SQLiteIssuerStore(path: path) }
        #expect(error == IssuerError(.storeUnavailable, "cannot open the database \(path): file is not a database"))
    }

    @Test func aDatabaseFromANewerVersionIsRefused() async throws {
        let store = try SQLiteIssuerStore(path: path)
        try await store.write { try $0.saveIssuer(Samples.issuer) }
        try await rawDatabase().write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v2-from-the-future')") }
        let error = try #require(throws: IssuerError.self) { try SQLiteIssuerStore(path: path) }
        #expect(error == IssuerError(.storeUnavailable, "the database was written by a newer version of Attest; upgrade Attest to open it"))
    }

    @Test func aFolderThatDoesNotExistIsReportedAsUnavailable() throws {
        let missing = scratch.file("no-such-folder/attest.sqlite")
        let error = try #require(throws: IssuerError.self) { try SQLiteIssuerStore(path: missing) }
        #expect(error.code == .storeUnavailable)
        #expect(error.reason.contains(missing))
    }
}
