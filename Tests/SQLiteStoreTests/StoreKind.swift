import Foundation
import IssuerCore
import SQLiteStore
import Synchronization
import Testing

@testable import PostgresStore

/// The stores the conformance suite runs against: the in-memory reference, SQLite on a real file
/// (the production set-up), SQLite in memory (what other targets' tests may use), and PostgreSQL
/// (the server `ATTEST_TEST_POSTGRES_URL` names, each test in a schema of its own).
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case inMemory, sqliteFile, sqliteMemory, postgres

    var testDescription: String { rawValue }

    /// A new empty store; a file store puts its file in `scratch`, which the calling suite keeps
    /// for the length of the test.
    func makeStore(in scratch: TemporaryDirectory) throws -> any IssuerStore {
        switch self {
        case .inMemory: InMemoryIssuerStore()
        case .sqliteMemory: try SQLiteIssuerStore.inMemory()
        case .sqliteFile: try SQLiteIssuerStore(path: scratch.file("attest.sqlite"))
        case .postgres: try Self.makePostgresStore(in: scratch)
        }
    }

    /// A PostgreSQL store in a new schema of the test server, dropped when `scratch` is released.
    /// Never skipped: without `ATTEST_TEST_POSTGRES_URL` the test fails, saying how to get a server.
    private static func makePostgresStore(in scratch: TemporaryDirectory) throws -> any IssuerStore {
        guard let url = ProcessInfo.processInfo.environment["ATTEST_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw PostgresUnavailable()
        }
        let schema = "conformance_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let database = try PostgresStoreDatabase(location: PostgresLocation(url: url), schema: schema, maximumConnections: 2)
        scratch.onRelease {
            _ = try? database.withSessionBlocking { session in try session.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE") }
        }
        return try PostgresIssuerStore(migratingBlocking: database, sealer: SecretSealer(key: Array(repeating: 7, count: 32))!)
    }
}

/// The PostgreSQL case of the conformance suite was run without a server.
struct PostgresUnavailable: Error, CustomStringConvertible {
    var description: String {
        "ATTEST_TEST_POSTGRES_URL is not set, so the PostgreSQL store cannot be tested: run scripts/test.sh, "
            + "or `bash scripts/postgres.sh start DIR` and export the URL it prints as ATTEST_TEST_POSTGRES_URL"
    }
}

/// A fresh folder under the system's temporary folder, removed with its content when released.
final class TemporaryDirectory: Sendable {
    let url: URL
    /// Work to do when the folder is released (dropping a PostgreSQL test schema).
    private let releaseWork = Mutex<[@Sendable () -> Void]>([])

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("attest-sqlitestore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    func file(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Runs `work` when the folder is released, at the end of the test that holds it.
    func onRelease(_ work: @escaping @Sendable () -> Void) {
        releaseWork.withLock { $0.append(work) }
    }

    deinit {
        for work in releaseWork.withLock({ $0 }) { work() }
        try? FileManager.default.removeItem(at: url)
    }
}

/// An error thrown by tests to make a transaction roll back.
struct DeliberateFailure: Error, Equatable {}
