import Foundation
import IssuerCore
import Testing

@testable import PostgresStore

/// What the store adds around PostgreSQL's transactions: a refused statement leaves the
/// transaction usable (as SQLite's does), a failure the work swallowed still fails the transaction,
/// and a schema this version does not match is refused.
@Suite("PostgreSQL issuer store")
struct PostgresIssuerStoreTests {
    static let sealer = SecretSealer(key: Array(repeating: 9, count: 32))!
    static let at = Date(timeIntervalSince1970: 1_795_000_000)

    static func completion(id: String) -> CompletionRecord {
        CompletionRecord(
            id: id,
            event: CompletionEvent(
                source: "lms", eventID: "evt-1", programID: "p1",
                learner: LearnerDetails(externalID: "u-1", email: "a@example.org", legalName: "Ada"), completedAt: at),
            learnerID: "lrn-1", receivedAt: at, state: .issued, reasons: [])
    }

    @Test func aRefusedStatementLeavesTheTransactionUsable() async throws {
        let database = try await TestPostgres.freshDatabase()
        let store = try await PostgresIssuerStore(database: database, sealer: Self.sealer)
        try await store.write { transaction in
            try transaction.saveLearner(Learner(id: "lrn-1", externalID: "u-1", email: "a@example.org", legalName: "Ada"))
            try transaction.insertCompletion(Self.completion(id: "cmp-1"))
        }
        let refusal = try await store.write { transaction -> IssuerError? in
            var refusal: IssuerError?
            do {
                try transaction.insertCompletion(Self.completion(id: "cmp-2"))
            } catch let error as IssuerError {
                refusal = error
            }
            // The same transaction goes on, as it does on SQLite.
            try transaction.saveLearner(Learner(id: "lrn-2", externalID: "u-2", email: "b@example.org", legalName: "Bo"))
            return refusal
        }
        #expect(refusal?.code == .duplicate)
        #expect(refusal?.reason.contains("already stored") == true)
        #expect(try await store.read { try $0.learner(id: "lrn-2") } != nil, "what followed the refusal committed")
        #expect(try await store.read { try $0.completion(id: "cmp-2") } == nil)
        try await TestPostgres.drop(database)
    }

    /// PostgreSQL answers `COMMIT` in an aborted transaction with a silent `ROLLBACK`: a work that
    /// swallowed a failed statement would look committed while nothing was. The store fails it.
    @Test func aFailureTheWorkSwallowedStillFailsTheTransaction() async throws {
        let database = try await TestPostgres.freshDatabase()
        await #expect(throws: IssuerError.self) {
            try await database.write { session -> Int in
                try session.execute(PostgresSchemaTests.audit(1))
                _ = try? session.execute(PostgresSchemaTests.audit(5))
                return 1
            }
        }
        #expect(try await database.read { try $0.execute("SELECT count(*) FROM auditEntry")[0].decode(Int.self) } == 0)
        try await TestPostgres.drop(database)
    }

    /// A stalled instance cannot hold the writer lock for long, nor make others wait forever.
    @Test func sessionsEndStalledTransactionsAndBoundLockWaits() async throws {
        let database = try await TestPostgres.freshDatabase()
        let settings = try await database.read { session in
            (
                try session.execute("SHOW idle_in_transaction_session_timeout")[0].decode(String.self),
                try session.execute("SHOW lock_timeout")[0].decode(String.self)
            )
        }
        #expect(settings == ("1min", "30s"))
        try await TestPostgres.drop(database)
    }

    @Test func aSchemaThatIsBehindOrAheadIsRefusedWhenNotMigrating() async throws {
        let database = try await TestPostgres.freshDatabase()
        _ = try await PostgresIssuerStore(migratedDatabase: database, sealer: Self.sealer)
        try await database.write { session in try session.execute("INSERT INTO attestMigration (name) VALUES ('v99-future')") }
        for error in [
            await #expect(throws: IssuerError.self) { try await PostgresIssuerStore(migratedDatabase: database, sealer: Self.sealer) },
            await #expect(throws: IssuerError.self) { try await PostgresIssuerStore(database: database, sealer: Self.sealer) },
        ] {
            #expect(error?.code == .storeUnavailable)
            #expect(error?.reason.contains("newer version of Attest") == true)
        }
        try await TestPostgres.drop(database)

        let location = try PostgresLocation(url: TestPostgres.url())
        let empty = try PostgresStoreDatabase(location: location, schema: "empty_" + UUID().uuidString.lowercased().prefix(8))
        let behind = await #expect(throws: IssuerError.self) { try await PostgresIssuerStore(migratedDatabase: empty, sealer: Self.sealer) }
        #expect(behind?.reason.contains("attest db migrate") == true)
    }
}
