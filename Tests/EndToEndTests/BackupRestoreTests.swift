import Foundation
import Testing

/// Spec/deployment.md's backup and restore, performed as written: SQLite's online backup
/// (`sqlite3 .backup`, safe while `attest serve` writes) and PostgreSQL's `pg_dump -Fc` with
/// `pg_restore`; the restored issuer has every credential and its audit chain verifies.
@Suite("Backup and restore, as Spec/deployment.md says")
struct BackupRestoreTests {
    @Test func anSQLiteOnlineBackupRestoresIntoAWorkingIssuer() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        #expect(try workspace.importCSV(IssuerWorkspace.exampleCompletions).status == 0)
        let original = try workspace.attest(["credentials", "list", "--json"])
        let head = try workspace.attest(["audit", "verify"])
        #expect(head.status == 0)

        // Backup: audit-head first (it only moves forward, so an older one is still in the chain),
        // then the database online; attest.json and sealing.key; the key store separately.
        let backup = workspace.path("backup")
        try FileManager.default.createDirectory(atPath: backup, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: workspace.path("data/audit-head"), toPath: "\(backup)/audit-head")
        let saved = try Executables.runProgram("sqlite3", [workspace.database, ".backup '\(backup)/attest.sqlite'"])
        #expect(saved.status == 0, "\(saved.standardError)")
        // Restore into a new folder, as on a new machine.
        let restored = workspace.path("restored")
        try FileManager.default.createDirectory(atPath: restored, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.copyItem(atPath: "\(backup)/audit-head", toPath: "\(restored)/audit-head")
        for file in ["attest.json", "sealing.key"] {
            try FileManager.default.copyItem(atPath: workspace.path("data/\(file)"), toPath: "\(restored)/\(file)")
        }
        try FileManager.default.copyItem(atPath: "\(backup)/attest.sqlite", toPath: "\(restored)/attest.sqlite")

        let verified = try Executables.run("attest", ["audit", "verify", "--data", restored])
        #expect(verified.status == 0, "\(verified.standardOutput) \(verified.standardError)")
        #expect(Self.head(verified.standardOutput) == Self.head(head.standardOutput))
        let listed = try Executables.run("attest", ["credentials", "list", "--json", "--data", restored])
        #expect(listed.status == 0 && listed.standardOutput == original.standardOutput)
    }

    @Test func aPgDumpRestoresIntoAWorkingIssuer() throws {
        let database = try PostgresDatabase.fresh()
        let workspace = try PostgresCLITests.issuer(on: database)
        let imported = try workspace.attest(
            ["import", IssuerWorkspace.exampleCompletions, "--program", IssuerWorkspace.programID], environment: database.environment)
        #expect(imported.status == 0, "\(imported.standardError)")
        let original = try workspace.attest(["credentials", "list", "--json"], environment: database.environment)
        let head = try workspace.attest(["audit", "verify"], environment: database.environment)
        #expect(head.status == 0)

        let dump = workspace.path("attest.dump")
        let dumped = try Executables.runProgram("pg_dump", ["--format=custom", "--no-owner", "--file=\(dump)", database.url])
        #expect(dumped.status == 0, "\(dumped.standardError)")
        let target = try PostgresDatabase.fresh()
        let restoredDump = try Executables.runProgram("pg_restore", ["--no-owner", "--exit-on-error", "--dbname=\(target.url)", dump])
        #expect(restoredDump.status == 0, "\(restoredDump.standardError)")

        let verified = try workspace.attest(["audit", "verify"], environment: target.environment)
        #expect(verified.status == 0, "\(verified.standardOutput) \(verified.standardError)")
        #expect(Self.head(verified.standardOutput) == Self.head(head.standardOutput))
        let listed = try workspace.attest(["credentials", "list", "--json"], environment: target.environment)
        #expect(listed.status == 0 && listed.standardOutput == original.standardOutput)
        #expect(try target.count("SELECT count(*) FROM credentialDocument") == database.count("SELECT count(*) FROM credentialDocument"))
    }

    static func head(_ output: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix("head ") }.map(String.init)
    }
}
