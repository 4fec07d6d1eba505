import Foundation
import IssuerCore

extension PostgresStoreDatabase {
    /// The names of the migrations this version of Attest knows, in the order they apply.
    public static var knownMigrations: [String] { PostgresSchema.migrations.map(\.name) }

    /// Applies the migrations the database lacks (`attest db migrate`) and returns their names;
    /// empty when it was up to date. Safe while other instances run or migrate.
    /// - Throws: ``IssuerCore/IssuerError`` `storeUnavailable` when the database cannot be reached,
    ///   refuses a migration, or was written by a newer Attest.
    public func migrate() async throws -> [String] {
        let before = try await appliedMigrations()
        try await PostgresMigrator.migrate(self)
        let after = try await appliedMigrations()
        return after.filter { !before.contains($0) }
    }

    /// The migrations the database records, oldest first; empty for a database Attest never used.
    /// - Throws: ``IssuerCore/IssuerError`` `storeUnavailable` when the database cannot be reached.
    public func appliedMigrations() async throws -> [String] {
        let exists = try await read { session in
            try session.execute("SELECT to_regclass('attestMigration') IS NOT NULL")[0].decode(Bool.self)
        }
        return exists ? try await PostgresMigrator.appliedMigrations(self) : []
    }
}
