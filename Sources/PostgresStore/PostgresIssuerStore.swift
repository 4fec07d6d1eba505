import Foundation
import IssuerCore

/// The ``IssuerCore/IssuerStore`` on PostgreSQL, for several `attest serve` instances sharing one
/// database: the same rules, order, paging and errors as the SQLite store (the conformance suite
/// runs against both), with what SQLite's single writer gave for free held across instances by
/// `SERIALIZABLE` transactions, unique keys and row locks (see ``PostgresStoreDatabase``).
///
/// ```swift
/// let database = try PostgresStoreDatabase(location: PostgresLocation(url: url))
/// let store = try await PostgresIssuerStore(database: database, sealer: sealer)
/// try await store.write { transaction in try transaction.saveProgram(program) }
/// ```
public final class PostgresIssuerStore: IssuerStore {
    /// The database the store reads and writes.
    public let database: PostgresStoreDatabase
    private let sealer: SecretSealer

    /// Opens the store on `database`, bringing its schema up to date first (several instances
    /// starting at once take turns under an advisory lock; see `PostgresMigrator`).
    ///
    /// - Parameter sealer: seals the HMAC secrets of API keys (as SQLite's `sealing.key` does), so a
    ///   copy or a dump of the database alone holds no usable secret. Every instance sharing the
    ///   database must use the same sealing key.
    /// - Warning: The database holds learners' names and email addresses: give the role it connects
    ///   as no more rights than this schema needs, and reach it over TLS or a private link.
    /// - Throws: ``IssuerCore/IssuerError`` `storeUnavailable` when the database cannot be reached,
    ///   refuses a migration, or was written by a newer Attest whose schema this version does not know.
    public init(database: PostgresStoreDatabase, sealer: SecretSealer) async throws {
        self.database = database
        self.sealer = sealer
        try await PostgresMigrator.migrate(database)
    }

    /// Opens the store on `database` without touching its schema: for a database another instance
    /// or `attest db migrate` keeps up to date. Refuses a schema that is behind or ahead of this
    /// version.
    /// - Throws: ``IssuerCore/IssuerError`` `storeUnavailable` naming the migrations that differ.
    public init(migratedDatabase database: PostgresStoreDatabase, sealer: SecretSealer) async throws {
        self.database = database
        self.sealer = sealer
        let hasMigrations = try await database.read { session in
            try session.execute("SELECT to_regclass('attestMigration') IS NOT NULL")[0].decode(Bool.self)
        }
        let applied = hasMigrations ? try await PostgresMigrator.appliedMigrations(database) : []
        let known = PostgresSchema.migrations.map(\.name)
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw IssuerError(
                .storeUnavailable, "the database was written by a newer version of Attest (migration \(unknown)); upgrade Attest to open it"
            )
        }
        let missing = known.filter { !applied.contains($0) }
        guard missing.isEmpty else {
            throw IssuerError(
                .storeUnavailable,
                "the database schema is not up to date (missing \(missing.joined(separator: ", "))): run attest db migrate")
        }
    }

    /// Opens the store and migrates its schema on the calling thread, blocking it: for synchronous
    /// test helpers only.
    init(migratingBlocking database: PostgresStoreDatabase, sealer: SecretSealer) throws {
        self.database = database
        self.sealer = sealer
        try PostgresMigrator.migrateBlocking(database)
    }

    /// Runs `work` in one `SERIALIZABLE` transaction, again from the start when PostgreSQL reports
    /// a conflict with a concurrent transaction (here or on another instance); a thrown error rolls
    /// all of it back. `work` may run more than once, so it must only do database work.
    /// - Throws: what `work` throws; ``IssuerCore/IssuerError`` `storeUnavailable` when the database
    ///   cannot be reached or the transaction keeps conflicting.
    public func write<T: Sendable>(_ work: @Sendable (any IssuerTransaction) throws -> T) async throws -> T {
        try await database.write { session in try work(PostgresTransaction(session, sealer: sealer)) }
    }

    /// Runs `work` against one consistent snapshot (`REPEATABLE READ READ ONLY`); writers go on.
    public func read<T: Sendable>(_ work: @Sendable (any IssuerReading) throws -> T) async throws -> T {
        try await database.read { session in try work(PostgresTransaction(session, sealer: sealer)) }
    }
}
