import Foundation
import Testing

/// Issue 20 point 2 with the real binary: `--database postgres://…` (here through
/// `ATTEST_DATABASE_URL`) on the commands that take `--data`, `attest db migrate`, and a store
/// newer than the binary refused by `attest serve` — against a real PostgreSQL and a real SQLite file.
@Suite("attest on PostgreSQL: selecting the store")
struct PostgresCLITests {
    /// `attest ARGUMENTS --data DATA` on `database`.
    static func attest(_ workspace: IssuerWorkspace, _ database: PostgresDatabase, _ arguments: [String]) throws -> Executables.Result {
        try workspace.attest(arguments, environment: database.environment)
    }

    /// An issuer made by `attest init` on `database`, with the example program.
    static func issuer(on database: PostgresDatabase) throws -> IssuerWorkspace {
        let workspace = try IssuerWorkspace()
        let made = try attest(
            workspace, database,
            ["init", "--name", "Northwind Safety Academy", "--base-url", "https://certs.example.org", "--keys", workspace.keys])
        #expect(made.status == 0, "init: \(made.standardError)")
        let added = try attest(workspace, database, ["programs", "add", IssuerWorkspace.exampleProgram])
        #expect(added.status == 0, "programs add: \(added.standardError)")
        return workspace
    }

    @Test func anIssuerLivesInPostgreSQLAndItsFilesStayInTheDataFolder() throws {
        let database = try PostgresDatabase.fresh()
        let workspace = try Self.issuer(on: database)
        let imported = try Self.attest(
            workspace, database, ["import", IssuerWorkspace.exampleCompletions, "--program", IssuerWorkspace.programID])
        #expect(imported.status == 0, "import: \(imported.standardError)")
        let listed = try Self.attest(workspace, database, ["credentials", "list", "--json"])
        #expect(listed.status == 0, "\(listed.standardError)")
        let credentials = listed.standardOutput.split(separator: "\n").count
        #expect(credentials > 0)
        // The records are in PostgreSQL, and no SQLite file was made.
        #expect(try database.count("SELECT count(*) FROM credential") == credentials)
        #expect(try database.count("SELECT count(*) FROM auditEntry") > 0)
        #expect(!FileManager.default.fileExists(atPath: workspace.database))
        // The folder keeps what is not a record: settings, the sealing key, the audit head.
        for file in ["attest.json", "sealing.key", "audit-head"] {
            #expect(FileManager.default.fileExists(atPath: workspace.path("data/\(file)")), "\(file) missing")
        }
        let verified = try Self.attest(workspace, database, ["audit", "verify"])
        #expect(verified.status == 0, "audit verify: \(verified.standardOutput) \(verified.standardError)")
        // A second init on the same database is refused: it holds an issuer.
        let other = try IssuerWorkspace()
        let again = try Self.attest(
            other, database, ["init", "--name", "Other", "--base-url", "https://other.example.org", "--keys", other.keys])
        #expect(again.status != 0)
        #expect(again.standardError.contains("already holds an issuer"), "\(again.standardError)")
        #expect(!again.standardError.contains(database.password))
    }

    @Test func thePasswordShowsNowhere() throws {
        let database = try PostgresDatabase.fresh()
        let workspace = try Self.issuer(on: database)
        // A wrong password: refused, and the error names the database without either password.
        let wrong = database.url.replacingOccurrences(of: database.password, with: "not-the-password-4711")
        let refused = try workspace.attest(["credentials", "list"], environment: ["ATTEST_DATABASE_URL": wrong])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("postgres://attest@127.0.0.1:"), "\(refused.standardError)")
        #expect(!refused.standardError.contains("not-the-password-4711"))
        // --database on the command line: the same, and --help shows no default from the environment.
        let given = try Executables.run("attest", ["credentials", "list", "--data", workspace.data, "--database", wrong])
        #expect(given.status != 0)
        #expect(!given.standardError.contains("not-the-password-4711"))
        let help = try Self.attest(workspace, database, ["credentials", "list", "--help"])
        #expect(help.standardOutput.contains("--database"))
        #expect(!help.standardOutput.contains(database.password))
        // A server logging everything it can never logs the password.
        let server = try RunningServer(workspace, arguments: ["--log-level", "trace"], environment: database.environment)
        #expect(server.waitForLog("Server started"))
        let stopped = server.stop()
        #expect(stopped.status == 0, "\(server.process.errorOutput.suffix(3000))")
        #expect(!server.process.output.contains(database.password))
        #expect(!server.process.errorOutput.contains(database.password))
    }

    @Test func dbMigrateAppliesTheSchemaOnceAndSaysSo() throws {
        let database = try PostgresDatabase.fresh()
        let workspace = try IssuerWorkspace()
        let first = try Self.attest(workspace, database, ["db", "migrate"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("applied"), "\(first.standardOutput)")
        #expect(!first.standardOutput.contains(database.password))
        let applied = try database.count("SELECT count(*) FROM attestMigration")
        #expect(applied > 0)
        let second = try Self.attest(workspace, database, ["db", "migrate"])
        #expect(second.status == 0)
        #expect(second.standardOutput.contains("schema up to date"), "\(second.standardOutput)")
        #expect(try database.count("SELECT count(*) FROM attestMigration") == applied)
        // SQLite: the same command on the data folder's file.
        let local = try IssuerWorkspace.withExampleProgram()
        let sqlite = try local.attest(["db", "migrate"])
        #expect(sqlite.status == 0, "\(sqlite.standardError)")
        #expect(sqlite.standardOutput.contains("schema up to date"))
    }

    /// `attest serve` on a store with a migration it does not know exits non-zero at once and says
    /// to upgrade; it never serves from (or writes to) a schema it does not understand.
    @Test(arguments: ["postgres", "sqlite"])
    func serveRefusesAStoreNewerThanItKnows(store: String) throws {
        let workspace: IssuerWorkspace
        var environment: [String: String] = [:]
        if store == "postgres" {
            let database = try PostgresDatabase.fresh()
            workspace = try Self.issuer(on: database)
            try database.psql("INSERT INTO attestMigration (name) VALUES ('9999-from-a-newer-attest')")
            environment = database.environment
        } else {
            workspace = try IssuerWorkspace.withExampleProgram()
            let inserted = try workspace.sqlite("INSERT INTO grdb_migrations (identifier) VALUES ('9999-from-a-newer-attest')")
            #expect(inserted.status == 0, "\(inserted.standardError)")
        }
        let server = try BackgroundProcess(
            "attest", ["serve", "--port", "0", "--data", workspace.data], logsIn: workspace.folder, name: "serve-\(store)",
            separateErrors: true, environment: environment)
        let deadline = Date().addingTimeInterval(60)
        while server.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!server.isRunning, "attest serve started on a newer schema")
        server.kill()
        #expect(server.wait() != 0)
        #expect(server.errorOutput.contains("newer version of Attest"), "\(server.errorOutput)")
        #expect(!server.output.contains("attest serves"))
    }
}
