import Foundation
import IssuerCore
import Testing

@testable import PostgresStore

/// The PostgreSQL server the tests use: the one `scripts/test.sh` started with `scripts/postgres.sh`
/// and named in `ATTEST_TEST_POSTGRES_URL`. Never a mock and never skipped: without a server, every
/// test that needs one fails and says how to start one.
enum TestPostgres {
    /// The server's URL.
    /// - Throws: ``PostgresUnavailable`` when `ATTEST_TEST_POSTGRES_URL` is not set.
    static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["ATTEST_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw PostgresUnavailable(
                reason: "ATTEST_TEST_POSTGRES_URL is not set: run scripts/test.sh, "
                    + "or `scripts/postgres.sh start DIR` and export the URL it prints")
        }
        return url
    }

    /// A new, empty, migrated database: its own schema in the test server, dropped by ``drop(_:)``.
    static func freshDatabase() async throws -> PostgresStoreDatabase {
        let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let database = try PostgresStoreDatabase(location: PostgresLocation(url: url()), schema: schema, maximumConnections: 4)
        try await PostgresMigrator.migrate(database)
        return database
    }

    /// Removes a database made by ``freshDatabase()``.
    static func drop(_ database: PostgresStoreDatabase) async throws {
        let schema = database.schema
        try await database.withSession { session in
            try session.execute("DROP SCHEMA \(schema) CASCADE")
        }
        await database.closeIdleConnections()
    }
}

/// No PostgreSQL server was given to the tests.
struct PostgresUnavailable: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
