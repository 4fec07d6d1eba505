import Foundation
import IssuerCore
import Testing

@testable import PostgresStore

/// How transactions run: on the store's own threads, whole or not at all, and again from the start
/// when PostgreSQL reports that two of them could not have run one after the other.
@Suite("PostgreSQL transactions")
struct PostgresStoreDatabaseTests {
    @Test func aTransactionRunsOnTheStoresOwnThreadsNeverOnTheConcurrencyPool() async throws {
        let database = try await TestPostgres.freshDatabase()
        let worker = try await database.read { _ in Thread.current.threadDictionary["attest.postgres.worker"] as? Int }
        #expect(worker != nil)
        try await TestPostgres.drop(database)
    }

    @Test func anErrorInsideRollsEverythingBack() async throws {
        let database = try await TestPostgres.freshDatabase()
        struct Deliberate: Error {}
        await #expect(throws: Deliberate.self) {
            try await database.write { session in
                try session.execute(PostgresSchemaTests.audit(1))
                throw Deliberate()
            }
        }
        #expect(try await database.read { try $0.execute("SELECT count(*) FROM auditEntry")[0].decode(Int.self) } == 0)
        try await TestPostgres.drop(database)
    }

    /// Eight writers append to the audit chain at once, each reading the head and writing the next
    /// entry, as the audit log does: conflicting ones are retried, so the chain ends 1…8 without a
    /// fork and no writer fails.
    @Test func concurrentAppendersToTheAuditChainNeverFork() async throws {
        let database = try await TestPostgres.freshDatabase()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await database.write { session in
                        let head = try session.execute("SELECT coalesce(max(sequence), 0) FROM auditEntry")[0].decode(Int.self)
                        try session.execute(PostgresSchemaTests.audit(head + 1))
                    }
                }
            }
            try await group.waitForAll()
        }
        let sequences = try await database.read { session in
            try session.execute("SELECT sequence FROM auditEntry ORDER BY sequence").map { try $0.decode(Int.self) }
        }
        #expect(sequences == Array(1...8))
        try await TestPostgres.drop(database)
    }

    @Test func aReadOnlySnapshotRefusesWrites() async throws {
        let database = try await TestPostgres.freshDatabase()
        await #expect(throws: IssuerError.self) { try await database.read { try $0.execute(PostgresSchemaTests.audit(1)) } }
        try await TestPostgres.drop(database)
    }

    @Test func anUnreachableServerIsAStoreError() async throws {
        let database = try PostgresStoreDatabase(location: PostgresLocation(url: "postgres://attest:secret@127.0.0.1:1/attest"))
        let error = await #expect(throws: IssuerError.self) { try await database.read { _ in 1 } }
        #expect(error?.code == .storeUnavailable)
        #expect(error?.reason.contains("secret") == false)
    }
}

@Suite("PostgreSQL location")
struct PostgresLocationTests {
    @Test func aURLGivesEveryPart() throws {
        let location = try PostgresLocation(url: "postgres://attest:p%40ss@db.example:6432/issuer?sslmode=disable")
        #expect(location.host == "db.example")
        #expect(location.port == 6432)
        #expect(location.username == "attest")
        #expect(location.password == "p@ss")
        #expect(location.database == "issuer")
        #expect(location.description == "postgres://attest@db.example:6432/issuer")
    }

    @Test(arguments: [
        "mysql://a:b@h/d", "postgres://a:b@/d", "postgres://h/d", "postgres://a:b@h", "postgres://a:b@h/d?sslmode=allow",
        "postgres://a:b@h/d?sslmode=bogus", "postgres://a:b@h/d?application_name=x",
    ])
    func aURLThatCannotBeUsedIsRefused(url: String) {
        let error = #expect(throws: IssuerError.self) { try PostgresLocation(url: url) }
        #expect(error?.code == .storeUnavailable)
        #expect(error?.reason.contains("b@") == false)
    }
}
