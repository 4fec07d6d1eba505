import Delivery
import Foundation
import IssuerCore
import PostgresStore
import SQLiteStore

/// Which store a command opens: PostgreSQL when `--database` (or `ATTEST_DATABASE_URL`) names one,
/// else the SQLite file `DATA/attest.sqlite`. Everything else an issuer has stays in the data
/// folder whichever store holds the records: `attest.json` (the key store's folder, webhooks),
/// `sealing.key` (seals API keys' HMAC secrets; every instance on one database needs the same
/// file), `assets/` (branding images), `outbox/` (emails without SMTP) and `audit-head`.
extension DataOptions {
    /// The environment variable that names the PostgreSQL database when `--database` is not given.
    static let databaseEnvironmentVariable = "ATTEST_DATABASE_URL"

    /// The database URL from `--database`, else `ATTEST_DATABASE_URL`; `nil` for SQLite.
    var databaseURL: String? {
        if let database, !database.isEmpty { return database }
        if let url = ProcessInfo.processInfo.environment[Self.databaseEnvironmentVariable], !url.isEmpty { return url }
        return nil
    }

    /// Where the records are, for messages: the PostgreSQL URL without its password, or the SQLite file.
    /// - Throws: ``IssuerCore/IssuerError`` when the URL cannot be read (never repeating the password).
    func storeDescription() throws -> String {
        try postgresLocation()?.description ?? databasePath
    }

    /// The PostgreSQL database named, or `nil` for SQLite.
    /// - Throws: ``IssuerCore/IssuerError`` `storeUnavailable` naming what is wrong with the URL.
    func postgresLocation() throws -> PostgresLocation? {
        try databaseURL.map { try PostgresLocation(url: $0) }
    }

    /// The sealer of API keys' HMAC secrets: `DATA/sealing.key`, made when missing (and the data
    /// folder with it, private, as `attest init` makes it). SQLite finds the same file beside its
    /// database, so a copied issuer keeps its secrets usable.
    func sealer() throws -> SecretSealer {
        try PrivateFiles.makeFolder(directory)
        return try SQLiteIssuerStore.sealer(keyFile: directory.appendingPathComponent(SQLiteIssuerStore.sealingKeyFileName).path)
    }

    /// Opens the issuer's store, bringing its schema up to date (several instances starting at
    /// once take turns). A store written by a newer Attest is refused, whichever it is.
    /// - Throws: ``IssuerCore/IssuerError`` `storeUnavailable` when the store cannot be reached or
    ///   is newer than this version.
    func openStore() async throws -> any IssuerStore {
        if let location = try postgresLocation() {
            return try await PostgresIssuerStore(database: PostgresStoreDatabase(location: location), sealer: sealer())
        }
        return try SQLiteIssuerStore(path: databasePath)
    }

    /// Whether the store holds an issuer's records already: the SQLite file exists, or the
    /// PostgreSQL database has an issuer profile. Reaches the database.
    func storeHoldsIssuer() async throws -> Bool {
        guard try postgresLocation() != nil else { return FileManager.default.fileExists(atPath: databasePath) }
        return try await openStore().read { try $0.issuer() } != nil
    }

    /// Which instance runs work that must run once (the compliance scheduler): a PostgreSQL
    /// advisory lock shared by every instance on the database, or this process alone on SQLite.
    func exclusiveWorkLock(for store: any IssuerStore) -> any ExclusiveWorkLock {
        if let postgres = store as? PostgresIssuerStore { return PostgresExclusiveWorkLock(database: postgres.database) }
        return InProcessExclusiveWorkLock(registry: .init())
    }
}
