import ArgumentParser
import Foundation
import IssuerCore
import PostgresStore
import SQLiteStore

/// `attest db migrate | copy`: the issuer's database itself.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Bring the database's schema up to date, or copy an issuer into PostgreSQL.",
        subcommands: [Migrate.self, Copy.self])

    /// `attest db migrate`: applies what the schema lacks, and says what it did.
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Apply the schema migrations this version of Attest has and the database lacks.",
            discussion: """
                Every command also migrates when it opens the database; run this first to upgrade the schema on its own \
                (for example from a deployment step whose database role may change the schema while the servers' role may not). \
                Safe while other instances run: they take turns under a lock. A database written by a newer Attest is refused \
                (exit 1) and left as it is.
                """)

        @OptionGroup var dataOptions: DataOptions

        func run() async throws {
            if let location = try dataOptions.postgresLocation() {
                let database = try PostgresStoreDatabase(location: location)
                let applied = try await database.migrate()
                await database.closeIdleConnections()
                let known = PostgresStoreDatabase.knownMigrations.count
                if applied.isEmpty {
                    print("\(location): schema up to date (\(known) migrations)")
                } else {
                    print("\(location): applied \(applied.count) migrations (\(applied.joined(separator: ", "))); \(known) in all")
                }
                return
            }
            guard FileManager.default.fileExists(atPath: dataOptions.databasePath) else {
                throw CLIError("\(dataOptions.databasePath) does not exist; create the issuer with: attest init --data \(dataOptions.data)")
            }
            _ = try SQLiteIssuerStore(path: dataOptions.databasePath)
            print("\(dataOptions.databasePath): schema up to date")
        }
    }

    /// `attest db copy --from DATA --to postgres://…`: an SQLite issuer into an empty PostgreSQL database.
    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy an SQLite issuer into an empty PostgreSQL database, every row as it is.",
            discussion: """
                Every credential, document, status list, outbox row, staff member, API key and the audit chain go over \
                unchanged, in one transaction: a failure, or a target that already holds anything, leaves the target as it was. \
                The SQLite file is only read (a running attest serve may keep using it; the copy is one consistent snapshot). \
                Afterwards run every command with --data FROM --database URL (or ATTEST_DATABASE_URL): the data folder keeps \
                attest.json, sealing.key (which opens the copied API keys' secrets), assets/ and the outbox folder. \
                Example: attest db copy --from data --to "$ATTEST_DATABASE_URL" && attest audit verify --data data
                """)

        @Option(help: ArgumentHelp("The issuer's data folder holding attest.sqlite.", valueName: "dir"))
        var from: String

        @Option(
            help: ArgumentHelp(
                "The empty PostgreSQL database, postgres://USER:PASSWORD@HOST:5432/DB?sslmode=…; default $ATTEST_DATABASE_URL.",
                valueName: "url"))
        var to: String?

        func run() async throws {
            let sourcePath = URL(fileURLWithPath: from, isDirectory: true).appendingPathComponent("attest.sqlite").path
            guard FileManager.default.fileExists(atPath: sourcePath) else {
                throw CLIError("\(sourcePath) does not exist: nothing to copy")
            }
            guard let url = to ?? ProcessInfo.processInfo.environment[DataOptions.databaseEnvironmentVariable], !url.isEmpty else {
                throw CLIError("give the target database with --to postgres://… or ATTEST_DATABASE_URL")
            }
            let location = try PostgresLocation(url: url)
            let source = try SQLiteIssuerStore(path: sourcePath)
            let target = try PostgresStoreDatabase(location: location)
            let counts = try await target.importIssuer { importer in try source.export(into: importer) }
            await target.closeIdleConnections()
            let total = counts.values.reduce(0, +)
            print("copied \(total) rows from \(sourcePath) to \(location)")
            for (table, rows) in counts.sorted(by: { $0.key < $1.key }) where rows > 0 {
                print("  \(table.padding(toLength: 24, withPad: " ", startingAt: 0)) \(rows)")
            }
        }
    }
}
