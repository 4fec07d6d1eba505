import Foundation
import IssuerCore
import Testing

@testable import PostgresStore

/// The PostgreSQL schema holds the store's rules in SQL, like SQLite's: each test writes a row the
/// rules forbid, straight in SQL, and expects the database itself to refuse it.
@Suite("PostgreSQL schema")
struct PostgresSchemaTests {
    static let at = "2026-12-04T10:00:00.000000000Z"

    /// A learner, a program, an issued completion and its credential at revocation index 7.
    static func seed(_ session: PostgresSession) throws {
        try session.execute(
            "INSERT INTO learner (id, namespace, externalID, email, legalName) VALUES ('L1', 'local', 'x1', 'a@example.org', 'Ada')")
        try session.execute("INSERT INTO program (id, version, definition) VALUES ('P1', 1, '{\"template\": \"completion\"}')")
        try session.execute(
            """
            INSERT INTO completion (id, source, eventID, programID, learnerID, event, receivedAt, state, reasons)
            VALUES ('C1', 'lms', 'e1', 'P1', 'L1', '{}', '\(at)', 'issued', '[]')
            """)
        try session.execute(credentialInsert(id: "K1", order: 1, revocationIndex: 7, suspensionIndex: 7))
    }

    static func credentialInsert(id: String, order: Int, revocationIndex: Int, suspensionIndex: Int, state: String = "active") -> String {
        """
        INSERT INTO credential (id, insertionOrder, learnerID, programID, programVersion, completionID, issuedAt, state,
            revocationList, revocationIndex, suspensionList, suspensionIndex)
        VALUES ('\(id)', \(order), 'L1', 'P1', 1, 'C1', '\(at)', '\(state)', 'R1', \(revocationIndex), 'S1', \(suspensionIndex))
        """
    }

    static func audit(_ sequence: Int) -> String {
        """
        INSERT INTO auditEntry (sequence, at, kind, actor, subject, data, previousHash, hash, keyID, signature)
        VALUES (\(sequence), '\(at)', 'test', 'tester', 's', '{}', 'p', 'h\(sequence)', 'k', 'sig')
        """
    }

    /// Runs `sql` in a write transaction after ``seed(_:)`` and returns PostgreSQL's refusal.
    static func refusal(_ sql: String) async throws -> String? {
        let database = try await TestPostgres.freshDatabase()
        try await database.write { try seed($0) }
        var reason: String?
        do {
            try await database.write { session in try session.execute(sql) }
        } catch let error as IssuerError {
            #expect(error.code == .storeUnavailable)
            reason = error.reason
        }
        try await TestPostgres.drop(database)
        return reason
    }

    @Test func everyMigrationIsRecordedAndRunningAgainChangesNothing() async throws {
        let database = try await TestPostgres.freshDatabase()
        try await PostgresMigrator.migrate(database)
        #expect(try await PostgresMigrator.appliedMigrations(database) == PostgresSchema.migrations.map(\.name))
        try await TestPostgres.drop(database)
    }

    @Test func instancesStartingAtOnceMigrateOnce() async throws {
        let location = try PostgresLocation(url: TestPostgres.url())
        let schema = "test_race_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let databases = try (0..<3).map { _ in try PostgresStoreDatabase(location: location, schema: schema) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for database in databases { group.addTask { try await PostgresMigrator.migrate(database) } }
            try await group.waitForAll()
        }
        #expect(try await PostgresMigrator.appliedMigrations(databases[0]) == PostgresSchema.migrations.map(\.name))
        try await TestPostgres.drop(databases[0])
    }

    @Test func aDatabaseFromANewerAttestIsRefused() async throws {
        let database = try await TestPostgres.freshDatabase()
        try await database.write { session in try session.execute("INSERT INTO attestMigration (name) VALUES ('v99-future')") }
        let error = await #expect(throws: IssuerError.self) { try await PostgresMigrator.migrate(database) }
        #expect(error?.code == .storeUnavailable)
        #expect(error?.reason.contains("newer version of Attest") == true)
        try await TestPostgres.drop(database)
    }

    @Test func aReplayedEventIsRefused() async throws {
        let reason = try await Self.refusal(
            """
            INSERT INTO completion (id, source, eventID, programID, learnerID, event, receivedAt, state, reasons)
            VALUES ('C2', 'lms', 'e1', 'P1', 'L1', '{}', '\(Self.at)', 'issued', '[]')
            """)
        #expect(reason?.contains("completion_source_eventid_key") == true)
    }

    @Test func aStatusIndexIsNeverGivenTwice() async throws {
        let reason = try await Self.refusal(
            Self.credentialInsert(id: "K2", order: 2, revocationIndex: 7, suspensionIndex: 8, state: "superseded"))
        #expect(reason?.contains("credential_revocation_entry") == true)
    }

    @Test func aLearnerHasOneCurrentCredentialPerProgram() async throws {
        let reason = try await Self.refusal(Self.credentialInsert(id: "K2", order: 2, revocationIndex: 8, suspensionIndex: 8))
        #expect(reason?.contains("credential_current") == true)
    }

    @Test(arguments: [
        "UPDATE credential SET state = 'lost'",
        "INSERT INTO outboxMessage (id, channel, event, subjectID, createdAt, state, attempts) VALUES ('O1', 'email', 'credential.exploded', 'K1', '2026-12-04T10:00:00.000000000Z', 'pending', 0)",
        "INSERT INTO outboxMessage (id, channel, event, subjectID, createdAt, state, attempts) VALUES ('O1', 'pigeon', 'credential.issued', 'K1', '2026-12-04T10:00:00.000000000Z', 'pending', 0)",
        "INSERT INTO statusList (id, purpose, capacity, allocated, bits, updatedAt) VALUES ('X', 'expiry', 8, 0, '\\x00', '2026-12-04T10:00:00.000000000Z')",
        "UPDATE credential SET issuedAt = '2026-12-04 10:00:00'",
        "INSERT INTO program (id, version, definition) VALUES ('P2', 1, '{\"template\": \"poster\"}')",
        "INSERT INTO program (id, version, definition) VALUES ('P2', 1, '{\"template\": \"completion\", \"branding\": {\"pageSize\": \"a3\"}}')",
        "UPDATE staffSettings SET requireSecondFactor = 'maybe'",
    ])
    func aValueOutsideItsClosedSetIsRefused(sql: String) async throws {
        #expect(try await Self.refusal(sql) != nil)
    }

    @Test func theAuditChainOnlyGrowsOneEntryAtATime() async throws {
        let database = try await TestPostgres.freshDatabase()
        try await database.write { session in try session.execute(Self.audit(1)) }
        for sql in [Self.audit(3), Self.audit(1), "UPDATE auditEntry SET kind = 'x'", "DELETE FROM auditEntry", "TRUNCATE auditEntry"] {
            await #expect(throws: IssuerError.self, "\(sql)") { try await database.write { session in try session.execute(sql) } }
        }
        #expect(try await database.read { session in try session.execute("SELECT count(*) FROM auditEntry")[0].decode(Int.self) } == 1)
        try await TestPostgres.drop(database)
    }

    @Test func anIssuerSecretIsNeverReplaced() async throws {
        let database = try await TestPostgres.freshDatabase()
        try await database.write { session in
            try session.execute("INSERT INTO issuerSecret (name, value) VALUES ('claim', decode(repeat('01', 32), 'hex'))")
        }
        await #expect(throws: IssuerError.self) {
            try await database.write { session in try session.execute("UPDATE issuerSecret SET value = value || value") }
        }
        try await TestPostgres.drop(database)
    }
}
