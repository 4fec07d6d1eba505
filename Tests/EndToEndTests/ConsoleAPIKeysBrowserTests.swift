import Foundation
import Testing

/// Issue 18 point 5 in a real browser: Settings → API keys on the real `attest serve`, driven by
/// Tests/Browser/console_api_keys.py (selenium, headless Chromium, axe-core, 390 px). The keys the
/// admin makes there are refused by the API from an address outside their allow-list, rotate with
/// an overlap and revoke; afterwards `attest api-keys list` shows the same keys, the audit trail
/// names the admin, and no token is in the server's output or the database file.
@Suite("Staff console API keys in a real browser", .serialized)
struct ConsoleAPIKeysBrowserTests {
    static let staff = [
        (email: "admin@example.org", name: "Ana Lima", role: "admin"), (email: "viewer@example.org", name: "Vera Vieira", role: "viewer"),
    ]

    @Test("create with an allow-list, token once, 403 from outside, rotate with overlap, revoke; axe at 390 px")
    func apiKeysFromTheConsole() throws {
        let site = try ConsoleSite(staff: Self.staff)
        let result = try site.runBrowserScript("console_api_keys.py", ["admin"])
        #expect(
            result.status == 0,
            "\(result.standardOutput)\n\(result.standardError.suffix(3000))\nserver: \(site.server.process.errorOutput.suffix(2000))")
        let output = result.standardOutput
        for check in [
            "a key with an allow-list is created and its token shown once",
            "the key allowed only 192.0.2.0/24 and 2001:db8::/32, from 127.0.0.1: the API answers 403 addressNotAllowed",
            "the key allowed from 127.0.0.1/32: the API answers 200",
            "the old token after the overlap: the API answers 401 apiKeyRotated",
            "rotate and revoke: axe and 390 px pass on both confirmation pages",
            "a viewer gets 403 on the page and on a forged create", "a create without the CSRF token is 403",
        ] {
            #expect(output.contains("ok: \(check)"), "\(output)")
        }
        var found: [String: String] = [:]
        for line in output.split(separator: "\n") where line.hasPrefix("found: ") {
            let parts = line.dropFirst("found: ".count).split(separator: " ", maxSplits: 1).map(String.init)
            if parts.count == 2 { found[parts[0]] = parts[1] }
        }
        let tokens = ["remote-token", "local-token", "rotated-token"].compactMap { found[$0] }
        try #require(tokens.count == 3, "\(output)")

        // The CLI sees what the console made: allow-lists, the last use from 127.0.0.1, the revocation.
        let listed = try site.attest(["api-keys", "list"])
        try #require(listed.status == 0, "\(listed.standardError)")
        let lines = listed.standardOutput.split(separator: "\n").map(String.init)
        let remote = try #require(lines.first { $0.contains("Reporting dashboard") }, "\(listed.standardOutput)")
        #expect(
            remote.contains("allow-ip=192.0.2.0/24,2001:db8:0:0:0:0:0:0/32") && remote.contains("active") && remote.contains("expires="))
        let local = try #require(lines.first { $0.contains("Local script") }, "\(listed.standardOutput)")
        #expect(local.contains("revoked") && local.contains("last-address=127.0.0.1") && local.contains("allow-ip=127.0.0.1/32,"))

        // Every change is audited under the admin, and no token or token hash is in the trail.
        let audit = try site.attest(["audit", "export"])
        try #require(audit.status == 0, "\(audit.standardError)")
        let kinds = audit.standardOutput.split(separator: "\n").compactMap { line -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let kind = object["kind"] as? String, kind.hasPrefix("apiKey.")
            else { return nil }
            #expect("\(object["actor"] ?? "")".contains("admin@example.org"), "\(line)")
            return kind
        }
        #expect(kinds == ["apiKey.created", "apiKey.created", "apiKey.rotated", "apiKey.revoked"])
        for token in tokens {
            #expect(!audit.standardOutput.contains(token))
            #expect(!site.server.process.output.contains(token) && !site.server.process.errorOutput.contains(token))
        }
        // Only hashes are stored: no token is in the database file.
        for file in [site.workspace.database, site.workspace.database + "-wal"] {
            guard let bytes = FileManager.default.contents(atPath: file) else { continue }
            for token in tokens { #expect(bytes.range(of: Data(token.utf8)) == nil, "\(file)") }
        }
    }
}
