import Foundation
import GRDB
import IssuerCore

/// The production ``IssuerStore``: one SQLite file in WAL mode, shared by every Attest process on
/// the machine (the CLI may run while `attest serve` does). Writes are serialized by SQLite
/// itself; reads see a consistent snapshot and never wait for a writer.
///
/// The schema's rules are in SQL (see `StoreSchema`), so the database refuses a replayed event, a
/// taken status index, a second current credential or a rewritten audit entry even when they
/// come from outside this type; refusals surface as ``IssuerError`` naming the rule.
public final class SQLiteIssuerStore: IssuerStore {
    /// How long a write waits for another process's write to finish before giving up.
    public static let busyTimeout: TimeInterval = 10

    let writer: any DatabaseWriter
    private let sealer: SecretSealer

    /// Opens the database file at `path`, creating it (and bringing its schema up to date) if
    /// needed. The folder must exist.
    ///
    /// - Warning: The database holds learners' names and email addresses. A new file is created
    ///   readable and writable by its owner only (0600); SQLite gives its `-wal` and `-shm` files
    ///   the same mode. Every process sharing the file must run as that user.
    /// - Throws: ``IssuerError`` `storeUnavailable` when the file cannot be opened or migrated, or was
    ///   written by a newer Attest whose schema this version does not know.
    public convenience init(path: String) throws {
        try self.init(path: path, sealingKeyPath: Self.defaultSealingKeyPath(forDatabase: path))
    }

    /// Opens the database at `path` with the HMAC-secret sealing key in the file at
    /// `sealingKeyPath` (made, 32 random bytes, mode 0600, when missing); see `SecretSealing`.
    public convenience init(path: String, sealingKeyPath: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            // Created here rather than by SQLite so that it never exists with a wider mode.
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration())
            // GRDB puts WAL databases on synchronous = NORMAL, which survives a crash of the
            // process but may lose the last commits on power loss. An issuer tells the world about
            // a commit (emails, webhooks, a signed credential), so each commit is made durable
            // before it returns: one fsync per write transaction.
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        } catch let error as DatabaseError {
            throw IssuerError(.storeUnavailable, "cannot open the database \(path): \(error.message ?? "\(error.resultCode)")")
        }
        try self.init(writer: pool, sealer: try SecretSealing.sealer(keyFile: sealingKeyPath))
    }

    /// A private database in memory that vanishes with the store, for tests.
    public static func inMemory() throws -> SQLiteIssuerStore {
        try SQLiteIssuerStore(writer: DatabaseQueue(configuration: configuration()), sealer: SecretSealing.ephemeralSealer())
    }

    private init(writer: any DatabaseWriter, sealer: SecretSealer) throws {
        self.writer = writer
        self.sealer = sealer
        let migrator = StoreSchema.migrator
        do {
            // Running this version's migrations on a newer schema would look fine and corrupt
            // data later; refuse instead.
            if try writer.read(migrator.hasBeenSuperseded) {
                throw IssuerError(.storeUnavailable, "the database was written by a newer version of Attest; upgrade Attest to open it")
            }
            try migrator.migrate(writer)
            try writer.write { db in try SecretSealing.sealPlainSecrets(db, sealer: sealer) }
            // A reader opened before the migration (to check the version) would keep the old
            // column lists of its cached statements: `SELECT *` on a rebuilt table misses columns.
            (writer as? DatabasePool)?.invalidateReadOnlyConnections()
        } catch let error as DatabaseError {
            throw IssuerError(.storeUnavailable, "cannot bring the database schema up to date: \(error.message ?? "\(error.resultCode)")")
        }
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        // Another process holding the write lock makes a write wait rather than fail at once.
        configuration.busyMode = .timeout(busyTimeout)
        // GRDB's default, said out loud: credentials must point at stored learners and programs.
        configuration.foreignKeysEnabled = true
        configuration.label = "Attest"
        return configuration
    }

    /// Runs `work` in one IMMEDIATE transaction; a thrown error rolls all of it back.
    /// - Throws: what `work` throws; ``IssuerError`` `storeUnavailable` when the database cannot be
    ///   written (another process held the write lock past ``busyTimeout``, a full disk).
    public func write<T: Sendable>(_ work: @Sendable (any IssuerTransaction) throws -> T) async throws -> T {
        // GRDB begins an IMMEDIATE transaction, so the write lock is taken (or waited for) up front,
        // and a read-then-write inside `work` cannot fail halfway on another process's commit.
        try await mappingDatabaseErrors {
            try await writer.write { db in try work(SQLiteTransaction(db, sealer: sealer)) }
        }
    }

    /// Runs `work` against a snapshot of the last commit; writers, here or in other processes, go on.
    public func read<T: Sendable>(_ work: @Sendable (any IssuerReading) throws -> T) async throws -> T {
        try await mappingDatabaseErrors {
            try await writer.read { db in try work(SQLiteTransaction(db, sealer: sealer)) }
        }
    }

    /// Database errors that reach the caller unexplained (a lock held past the busy timeout, a full
    /// disk) become ``IssuerError`` `storeUnavailable` with SQLite's message and without the SQL.
    private func mappingDatabaseErrors<T>(_ operation: () async throws -> T) async throws -> T {
        do {
            return try await operation()
        } catch let error as DatabaseError {
            throw IssuerError(.storeUnavailable, "the database refused the transaction: \(error.message ?? "\(error.resultCode)")")
        }
    }
}
