import Foundation
import Testing

/// Issue 14, point 5 with the real binary: `attest api-keys create | list | revoke` on a real data
/// folder, and a revocation that a running `attest serve` honours from the next request on.
@Suite("attest api-keys: signing by default, expiry, last use, revoke")
struct APIKeysCommandTests {
    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    /// The id (`ak-…`) in the first line `create` prints.
    static func keyID(_ output: String) throws -> String {
        let first = try #require(lines(output).first)
        return try #require(first.split(separator: " ").first { $0.hasPrefix("ak-") }.map(String.init), "\(first)")
    }

    @Test func lmsKeysSignByDefaultAndTheListShowsWhatMatters() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let lms = try workspace.attest(["api-keys", "create", "--role", "lms", "--name", "moodle"])
        #expect(lms.status == 0, "\(lms.standardError)")
        let printed = Self.lines(lms.standardOutput)
        let secretLine = try #require(printed.first { $0.hasPrefix("HMAC secret for X-Attest-Signature (shown only now): ") })
        let secret = String(secretLine.split(separator: " ").last ?? "")
        #expect(secret.hasPrefix("hs_") && secret.count == 51)
        #expect(printed.last?.hasPrefix("attest_") == true)
        // Stored sealed: the database holds neither the secret nor the token.
        #expect(try workspace.count("SELECT count(*) FROM apiKey WHERE hmacSecret LIKE 'sealed:v1:%' AND requiresHMAC = 1") == 1)
        #expect(try workspace.count("SELECT count(*) FROM apiKey WHERE instr(hmacSecret, '\(secret)') > 0") == 0)

        let legacy = try workspace.attest(["api-keys", "create", "--role", "lms", "--name", "legacy", "--no-require-hmac"])
        #expect(legacy.status == 0, "\(legacy.standardError)")
        #expect(!legacy.standardOutput.contains("HMAC secret"))
        let temporary = try workspace.attest(["api-keys", "create", "--role", "viewer", "--name", "dashboard", "--expires-in", "90d"])
        #expect(temporary.status == 0, "\(temporary.standardError)")
        #expect(temporary.standardOutput.contains(", expires "))
        let bad = try workspace.attest(["api-keys", "create", "--role", "viewer", "--name", "x", "--expires-in", "9 weeks"])
        #expect(bad.status != 0)

        let listed = try workspace.attest(["api-keys", "list"])
        #expect(listed.status == 0, "\(listed.standardError)")
        let rows = Self.lines(listed.standardOutput)
        #expect(rows.count == 3)
        let moodleRow = try #require(rows.first { $0.contains("  moodle  ") })
        #expect(moodleRow.contains("active") && moodleRow.contains("last-used=never") && moodleRow.hasSuffix("hmac"))
        #expect(rows.first { $0.contains("  legacy  ") }?.hasSuffix("no-hmac") == true)
        #expect(rows.first { $0.contains("  dashboard  ") }?.contains("expires=") == true)
        #expect(!listed.standardOutput.contains(secret))
    }

    @Test func aKeyRevokedWithTheCLIIsRefusedByTheRunningServer() async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let created = try workspace.attest(["api-keys", "create", "--role", "viewer", "--name", "dashboard"])
        #expect(created.status == 0, "\(created.standardError)")
        let token = try #require(Self.lines(created.standardOutput).last)
        let id = try Self.keyID(created.standardOutput)
        let server = try RunningServer(workspace)
        defer { _ = server.stop() }
        let headers = ["Authorization": "Bearer \(token)", "Accept": "application/json"]
        let before = try await HTTPExchange.send("GET", "\(server.address)/api/v1/credentials", headers: headers)
        #expect(before.status == 200, "\(before.text)")

        let revoked = try workspace.attest(["api-keys", "revoke", id])
        #expect(revoked.status == 0, "\(revoked.standardError)")
        #expect(revoked.standardOutput.contains("Revoked API key \(id)"))
        let after = try await HTTPExchange.send("GET", "\(server.address)/api/v1/credentials", headers: headers)
        #expect(after.status == 401, "\(after.text)")

        let listed = try workspace.attest(["api-keys", "list"])
        #expect(listed.standardOutput.contains("revoked"))
        // Used once before the revocation, and the revocation is in the audit trail.
        #expect(!listed.standardOutput.contains("last-used=never"))
        #expect(try workspace.count("SELECT count(*) FROM auditEntry WHERE kind = 'apiKey.revoked' AND subject = '\(id)'") == 1)
        #expect(try workspace.attest(["api-keys", "revoke", "ak-nosuch"]).status != 0)
    }
}
