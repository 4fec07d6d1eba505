import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 14 items 9, 11 and 12 with the real `attest` on a real SQLite file: private modes for
/// everything in the data folder, truncation of the audit chain detected, raw email interpolation
/// refused by `attest programs add`.
@Suite("attest: data folder modes, audit head, program emails")
struct DataFolderSecurityTests {
    /// The mode bits of a file.
    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test("under umask 022 the data folder is 0700 and its database (with -wal, -shm), settings, head and .eml files 0600")
    func privateModesUnderAWideUmask() throws {
        // What most shells set: group and others may read whatever a program does not protect.
        umask(0o022)
        let workspace = try IssuerCLITests.withExampleCredentials()
        let delivered = try workspace.attest(["deliver"])
        #expect(delivered.status == 0, "\(delivered.standardError)")
        #expect(try Self.mode(workspace.data) == 0o700)
        for file in ["attest.json", "attest.sqlite", "audit-head"] {
            #expect(try Self.mode(workspace.data + "/" + file) == 0o600, "\(file)")
        }
        let outbox = workspace.data + "/outbox"
        #expect(try Self.mode(outbox) == 0o700)
        let emails = try FileManager.default.contentsOfDirectory(atPath: outbox).filter { $0.hasSuffix(".eml") }
        #expect(emails.count == 25)
        for email in emails { #expect(try Self.mode(outbox + "/" + email) == 0o600, "\(email)") }
        // An audit export names learners and their addresses.
        #expect(try workspace.attest(["audit", "export", "--out", workspace.path("audit.jsonl")]).status == 0)
        #expect(try Self.mode(workspace.path("audit.jsonl")) == 0o600)
        // While a server has the database open, SQLite's -wal and -shm files exist: the same mode.
        let server = try RunningServer(workspace)
        for suffix in ["-wal", "-shm"] {
            #expect(try Self.mode(workspace.database + suffix) == 0o600, "\(suffix)")
        }
        _ = server.stop()
    }

    @Test("a data folder left readable by others is narrowed when a command opens it, and the command says so")
    func widerModesAreNarrowedOnOpen() throws {
        let workspace = try IssuerCLITests.withExampleCredentials()
        #expect(try workspace.attest(["deliver"]).status == 0)
        let outbox = workspace.data + "/outbox"
        let email = try #require(try FileManager.default.contentsOfDirectory(atPath: outbox).first { $0.hasSuffix(".eml") })
        let wide: [(String, Int)] = [
            (workspace.data, 0o755), (outbox, 0o755), (workspace.data + "/attest.json", 0o644), (workspace.database, 0o644),
            (outbox + "/" + email, 0o644),
        ]
        for (path, mode) in wide { try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path) }
        let listed = try workspace.attest(["credentials", "list"])
        #expect(listed.status == 0, "\(listed.standardError)")
        #expect(
            listed.standardError.contains("attest.json was readable by other users (mode 644): narrowed to 600"), "\(listed.standardError)")
        #expect(listed.standardError.contains("1 .eml files in"), "\(listed.standardError)")
        for (path, mode) in wide { #expect(try Self.mode(path) == (mode == 0o755 ? 0o700 : 0o600), "\(path)") }
        let again = try workspace.attest(["credentials", "list"])
        #expect(!again.standardError.contains("narrowed"), "\(again.standardError)")
    }

    /// The head `attest audit verify` prints: `SEQUENCE:HASH`.
    static func printedHead(_ output: String) throws -> String {
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("head ") })
        return String(try #require(line.split(separator: " ").dropFirst().first))
    }

    @Test("deleting the newest audit rows (triggers dropped) fails verify against the head file and against --expect-head")
    func truncatedAuditChainIsDetected() throws {
        let workspace = try IssuerCLITests.withExampleCredentials()
        let verified = try workspace.attest(["audit", "verify"])
        #expect(verified.status == 0, "\(verified.standardOutput)\(verified.standardError)")
        let head = try Self.printedHead(verified.standardOutput)
        let total = try workspace.count("SELECT count(*) FROM auditEntry")
        #expect(head.hasPrefix("\(total):"))
        #expect(try String(contentsOfFile: workspace.data + "/audit-head", encoding: .utf8) == head + "\n")
        #expect(try workspace.attest(["audit", "verify", "--expect-head", head]).status == 0)

        // An attacker with the file: the append-only trigger goes, then the newest three entries
        // (the chain that is left still checks link by link).
        let deleted = try workspace.sqlite("DROP TRIGGER auditEntry_no_delete; DELETE FROM auditEntry WHERE sequence > \(total - 3)")
        #expect(deleted.status == 0, "\(deleted.standardError)")
        let againstFile = try workspace.attest(["audit", "verify"])
        #expect(againstFile.status == 1)
        #expect(
            againstFile.standardOutput.contains(
                "audit chain TRUNCATED: \(workspace.data)/audit-head records entry \(total): the chain ends at entry \(total - 3)"),
            "\(againstFile.standardOutput)")
        #expect(againstFile.standardOutput.contains("the newest 3 entries were deleted"))

        // The attacker also rewrites the head file: the head the auditor kept still catches it.
        let truncatedHead = try workspace.sqlite("SELECT sequence || ':' || hash FROM auditEntry ORDER BY sequence DESC LIMIT 1")
        try Data(truncatedHead.standardOutput.utf8).write(to: URL(fileURLWithPath: workspace.data + "/audit-head"))
        #expect(try workspace.attest(["audit", "verify"]).status == 0)
        let againstAuditor = try workspace.attest(["audit", "verify", "--expect-head", head])
        #expect(againstAuditor.status == 1)
        #expect(
            againstAuditor.standardOutput.contains("audit chain TRUNCATED: --expect-head \(total): the chain ends at entry \(total - 3)"),
            "\(againstAuditor.standardOutput)")

        // Without its head file the chain cannot be vouched for.
        try FileManager.default.removeItem(atPath: workspace.data + "/audit-head")
        let missing = try workspace.attest(["audit", "verify"])
        #expect(missing.status == 1)
        #expect(missing.standardOutput.contains("audit head file MISSING"), "\(missing.standardOutput)")
    }

    @Test("attest programs add refuses {{{learnerName}}} and {{&learnerName}}, naming the field; {{learnerName}} is added")
    func programsAddRefusesRawInterpolation() throws {
        let workspace = try IssuerWorkspace()
        try workspace.initialize()
        let example = try String(contentsOfFile: IssuerWorkspace.exampleProgram, encoding: .utf8)
        var program = try #require(try JSONSerialization.jsonObject(with: Data(example.utf8)) as? [String: Any])
        for (html, tag) in [("{{{learnerName}}}", "{{{learnerName}}}"), ("{{&learnerName}}", "{{&learnerName}}")] {
            program["email"] = ["html": "<html lang=\"{{language}}\"><p>\(html)</p></html>"]
            let file = try workspace.write(
                String(decoding: try JSONSerialization.data(withJSONObject: program), as: UTF8.self), "raw-program.json")
            let added = try workspace.attest(["programs", "add", file])
            #expect(added.status == 1)
            #expect(
                added.standardError.contains(
                    "email.html, line 1: \(tag) inserts learnerName without escaping, and learnerName is supplied"),
                "\(added.standardError)")
        }
        #expect(try workspace.count("SELECT count(*) FROM program") == 0)
        program["email"] = ["html": "<html lang=\"{{language}}\"><p>{{learnerName}}</p></html>"]
        let file = try workspace.write(String(decoding: try JSONSerialization.data(withJSONObject: program), as: UTF8.self), "program.json")
        let added = try workspace.attest(["programs", "add", file])
        #expect(added.status == 0, "\(added.standardError)")
    }
}
