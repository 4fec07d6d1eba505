import Foundation
import IssuerCore
import PostgresNIO

/// Brings a database's schema up to date with ``PostgresSchema/migrations``.
///
/// Each migration runs in its own transaction together with the row that records it in
/// `attestMigration`, so a migration is applied whole or not at all. A transaction-scoped advisory
/// lock makes several instances starting at once take turns: the first applies, the others find the
/// work done. A database that records a migration this version does not know was written by a
/// newer Attest and is refused rather than used.
enum PostgresMigrator {
    /// The advisory lock key of migrations (any fixed number; this one spells "attest-m").
    static let advisoryLockKey: Int64 = 0x6174_7465_7374_2D6D

    /// Creates the schema if needed and applies the migrations it lacks, in order.
    /// - Throws: ``IssuerCore/IssuerError`` `storeUnavailable` when the database is newer than this
    ///   version of Attest or refuses a migration.
    static func migrate(_ database: PostgresStoreDatabase) async throws {
        try await database.withSession { session in try migrate(session, schema: database.schema) }
    }

    /// ``migrate(_:)`` on the calling thread, blocking it (see ``PostgresStoreDatabase/withSessionBlocking(_:)``).
    static func migrateBlocking(_ database: PostgresStoreDatabase) throws {
        try database.withSessionBlocking { session in try migrate(session, schema: database.schema) }
    }

    /// The migrations on one session, each in its own transaction.
    private static func migrate(_ session: PostgresSession, schema: String) throws {
        let known = PostgresSchema.migrations.map(\.name)
        // Under the same lock as the migrations: PostgreSQL's `IF NOT EXISTS` is not safe against a
        // concurrent create (two instances starting at once collide in pg_type's unique index).
        try session.execute("BEGIN")
        do {
            try session.execute("SELECT pg_advisory_xact_lock($1)", [PostgresData(int64: advisoryLockKey)])
            try session.execute("CREATE SCHEMA IF NOT EXISTS \(schema)")
            try session.execute(
                "CREATE TABLE IF NOT EXISTS attestMigration (name text PRIMARY KEY, appliedAt timestamptz NOT NULL DEFAULT now())")
            try session.execute("COMMIT")
        } catch {
            _ = try? session.execute("ROLLBACK")
            throw error
        }
        for (name, sql) in PostgresSchema.migrations {
            try session.execute("BEGIN")
            do {
                try session.execute("SELECT pg_advisory_xact_lock($1)", [PostgresData(int64: advisoryLockKey)])
                let applied = try session.execute("SELECT name FROM attestMigration").compactMap {
                    try $0.decode(String.self)
                }
                if let unknown = applied.first(where: { !known.contains($0) }) {
                    throw IssuerError(
                        .storeUnavailable,
                        "the database was written by a newer version of Attest (migration \(unknown)); upgrade Attest to open it")
                }
                if !applied.contains(name) {
                    try session.executeScript(sql)
                    try session.execute("INSERT INTO attestMigration (name) VALUES ($1)", [PostgresData(string: name)])
                }
                try session.execute("COMMIT")
            } catch {
                _ = try? session.execute("ROLLBACK")
                if let failure = error as? PostgresFailure {
                    throw IssuerError(.storeUnavailable, "cannot bring the database schema up to date (\(name)): \(failure.message)")
                }
                throw error
            }
        }
    }

    /// The names of the migrations the database records, in the order they were applied.
    static func appliedMigrations(_ database: PostgresStoreDatabase) async throws -> [String] {
        try await database.read { session in
            try session.execute("SELECT name FROM attestMigration ORDER BY appliedAt, name").map { try $0.decode(String.self) }
        }
    }
}
