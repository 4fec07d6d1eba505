import Foundation
import Testing

/// Issue 20 point 3 with the real binary: `attest db copy` moves an SQLite issuer made by
/// `attest` itself into an empty PostgreSQL database, row for row, and refuses any other target.
@Suite("attest db copy: SQLite into PostgreSQL")
struct PostgresCopyTests {
    /// The tables compared row for row between the two stores.
    static let tables = [
        "issuer", "signingKey", "program", "learner", "completion", "credential", "credentialDocument", "statusList", "auditEntry",
        "outboxMessage", "apiKey", "staffMember", "issuerSecret",
    ]

    /// An SQLite issuer with credentials (one revoked), an API key, a member of staff and outbox rows.
    static func sqliteIssuer() throws -> IssuerWorkspace {
        let workspace = try IssuerWorkspace.withExampleProgram()
        #expect(try workspace.importCSV(IssuerWorkspace.exampleCompletions).status == 0)
        let first = try #require(try workspace.credentials().first?["id"])
        #expect(try workspace.attest(["revoke", first, "--reason", "issued in error"]).status == 0)
        #expect(try workspace.attest(["api-keys", "create", "--role", "lms", "--name", "moodle"]).status == 0)
        let staff = try workspace.attest(["staff", "add", "--email", "registrar@example.org", "--name", "Registrar", "--role", "admin"])
        #expect(staff.status == 0, "\(staff.standardError)")
        return workspace
    }

    @Test func anIssuerCopiedIntoPostgreSQLIsTheSameIssuerAndItsAuditChainVerifies() throws {
        let workspace = try Self.sqliteIssuer()
        let database = try PostgresDatabase.fresh()
        let before = try workspace.attest(["audit", "verify"])
        #expect(before.status == 0)

        let copied = try Executables.run("attest", ["db", "copy", "--from", workspace.data, "--to", database.url])
        #expect(copied.status == 0, "\(copied.standardError)")
        #expect(copied.standardOutput.contains("copied "), "\(copied.standardOutput)")
        #expect(!copied.standardOutput.contains(database.password) && !copied.standardError.contains(database.password))

        for table in Self.tables {
            let rows = try workspace.count("SELECT count(*) FROM \(table)")
            #expect(try database.count("SELECT count(*) FROM \(table)") == rows, "\(table)")
        }
        #expect(try database.count("SELECT count(*) FROM credential") > 0)
        #expect(try database.count("SELECT count(*) FROM outboxMessage") > 0)
        // The audit chain: the same head, verified on the copy by the same command.
        let after = try workspace.attest(["audit", "verify"], environment: database.environment)
        #expect(after.status == 0, "\(after.standardOutput) \(after.standardError)")
        let head = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("head ") }.map(String.init) }
        #expect(head(after.standardOutput) != nil && head(after.standardOutput) == head(before.standardOutput))
        // Every credential, with its state, and every document byte for byte.
        let sqliteList = try workspace.attest(["credentials", "list", "--json"])
        let postgresList = try workspace.attest(["credentials", "list", "--json"], environment: database.environment)
        #expect(postgresList.status == 0 && postgresList.standardOutput == sqliteList.standardOutput)
        let id = try #require(try workspace.credentials().last?["id"])
        let fromSQLite = try workspace.attest(["credentials", "export", id, "--out", workspace.path("from-sqlite")])
        let fromPostgres = try workspace.attest(
            ["credentials", "export", id, "--out", workspace.path("from-postgres")], environment: database.environment)
        #expect(fromSQLite.status == 0 && fromPostgres.status == 0, "\(fromPostgres.standardError)")
        for name in try FileManager.default.contentsOfDirectory(atPath: workspace.path("from-sqlite")) {
            let original = try Data(contentsOf: URL(fileURLWithPath: workspace.path("from-sqlite/\(name)")))
            let copy = try Data(contentsOf: URL(fileURLWithPath: workspace.path("from-postgres/\(name)")))
            #expect(original == copy, "\(name) differs")
        }
        // The copy is the issuer now: its DID document and status lists verify the certificates
        // exported from it, the one revoked before the copy as revoked.
        let valid = try workspace.verifyOffline(workspace.path("from-postgres/\(id).pdf"), environment: database.environment)
        #expect(valid.status == 0 && valid.standardOutput.contains("VALID"), "\(valid.standardOutput) \(valid.standardError)")
        let first = try #require(try workspace.credentials().first?["id"])
        let revokedExport = try workspace.attest(
            ["credentials", "export", first, "--out", workspace.path("from-postgres")], environment: database.environment)
        #expect(revokedExport.status == 0, "\(revokedExport.standardError)")
        let revoked = try workspace.verifyOffline(workspace.path("from-postgres/\(first).pdf"), environment: database.environment)
        #expect(revoked.status != 0 && revoked.standardOutput.contains("INVALID: revoked"), "\(revoked.standardOutput)")
        // API keys and staff read back through the store (the sealed secrets open with the folder's sealing.key).
        let keys = try workspace.attest(["api-keys", "list"], environment: database.environment)
        #expect(keys.status == 0 && keys.standardOutput.contains("moodle"), "\(keys.standardError)")
        let staff = try workspace.attest(["staff", "list"], environment: database.environment)
        #expect(staff.status == 0 && staff.standardOutput.contains("registrar@example.org"))
    }

    @Test func aCopyIntoADatabaseThatHoldsAnythingIsRefusedAndChangesNothing() throws {
        let workspace = try Self.sqliteIssuer()
        let database = try PostgresDatabase.fresh()
        #expect(try Executables.run("attest", ["db", "copy", "--from", workspace.data, "--to", database.url]).status == 0)
        let rows = try Self.tables.map { try database.count("SELECT count(*) FROM \($0)") }

        // Again into the copy: refused, nothing added.
        let again = try Executables.run("attest", ["db", "copy", "--from", workspace.data, "--to", database.url])
        #expect(again.status != 0)
        #expect(again.standardError.contains("not empty"), "\(again.standardError)")
        #expect(try Self.tables.map { try database.count("SELECT count(*) FROM \($0)") } == rows)

        // A database holding one row of anything (here one API key of another issuer) is not empty either.
        let other = try PostgresDatabase.fresh()
        #expect(
            try Executables.run("attest", ["db", "migrate", "--data", workspace.path("unused")], environment: other.environment).status == 0
        )
        try other.psql(
            "INSERT INTO apiKey (id, name, role, tokenHash, createdAt) VALUES ('k', 'n', 'viewer', 'h', '2026-01-01T00:00:00.000000000Z')")
        let refused = try Executables.run("attest", ["db", "copy", "--from", workspace.data], environment: other.environment)
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("not empty"), "\(refused.standardError)")
        #expect(try other.count("SELECT count(*) FROM apiKey") == 1)
        #expect(try other.count("SELECT count(*) FROM credential") == 0)
    }
}
