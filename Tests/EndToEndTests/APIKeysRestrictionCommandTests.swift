import Foundation
import Testing

/// Issue 18 point 5 with the real binary: `attest api-keys create --allow-ip … --expires …`,
/// `attest api-keys rotate ID --overlap …` and what `attest api-keys list` shows of them.
@Suite("attest api-keys: allow-lists, expiry dates, rotation with an overlap")
struct APIKeysRestrictionCommandTests {
    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test func allowListsExpiryDatesAndRotationFromTheCommandLine() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let created = try workspace.attest([
            "api-keys", "create", "--role", "viewer", "--name", "dashboard", "--allow-ip", "10.0.0.0/8", "--allow-ip", "2001:db8::/32",
            "--expires", "2099-03-31",
        ])
        #expect(created.status == 0, "\(created.standardError)")
        #expect(created.standardOutput.contains("expires 2099-03-31T00:00:00Z"), "\(created.standardOutput)")
        #expect(created.standardOutput.contains("only from 10.0.0.0/8 2001:db8:0:0:0:0:0:0/32"), "\(created.standardOutput)")
        let oldToken = try #require(Self.lines(created.standardOutput).last)
        let id = try #require(created.standardOutput.split(separator: " ").first { $0.hasPrefix("ak-") }.map(String.init))

        for bad in [["--allow-ip", "10.0.0.1/8"], ["--allow-ip", "fe80::1%eth0"], ["--expires", "2001-01-01"], ["--expires", "2099-02-30"]] {
            let refused = try workspace.attest(["api-keys", "create", "--role", "viewer", "--name", "bad"] + bad)
            #expect(refused.status != 0, "\(bad)")
            #expect(refused.standardError.contains(bad[0]), "\(refused.standardError)")
        }

        let rotated = try workspace.attest(["api-keys", "rotate", id, "--overlap", "PT2H"])
        #expect(rotated.status == 0, "\(rotated.standardError)")
        #expect(rotated.standardOutput.contains("the old token works until "), "\(rotated.standardOutput)")
        let newToken = try #require(Self.lines(rotated.standardOutput).last)
        #expect(newToken.hasPrefix("attest_") && newToken != oldToken)
        #expect(try workspace.count("SELECT count(*) FROM apiKey WHERE previousTokenHash IS NOT NULL") == 1)
        #expect(try workspace.attest(["api-keys", "rotate", id, "--overlap", "P31D"]).status != 0)
        #expect(try workspace.attest(["api-keys", "rotate", "ak-nope"]).status != 0)

        let listed = try workspace.attest(["api-keys", "list"])
        #expect(listed.status == 0, "\(listed.standardError)")
        let row = try #require(Self.lines(listed.standardOutput).first { $0.contains(id) })
        #expect(row.contains("allow-ip=10.0.0.0/8,2001:db8:0:0:0:0:0:0/32"), "\(row)")
        #expect(row.contains("expires=2099-03-31T00:00:00Z") && row.contains("old-token-until="), "\(row)")
        #expect(!listed.standardOutput.contains(oldToken) && !listed.standardOutput.contains(newToken))

        // Rotating with no overlap stops the old token at once.
        let immediate = try workspace.attest(["api-keys", "rotate", id, "--overlap", "PT0S"])
        #expect(immediate.standardOutput.contains("the old token stopped working now"), "\(immediate.standardOutput)")
        #expect(try workspace.count("SELECT count(*) FROM apiKey WHERE previousTokenHash IS NOT NULL") == 0)
    }
}
