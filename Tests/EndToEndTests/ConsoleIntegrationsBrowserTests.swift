import Foundation
import Testing

/// Issue 18's Settings → Webhooks, Email and Signing keys in a real browser: the real `attest
/// serve` with its SMTP sink and key store, headless Chromium (Tests/Browser/console_integrations.py),
/// axe-core and 390 px on every page. A webhook endpoint is added and tested against a receiver on
/// loopback (signed with its secret, then with both secrets after a rotation), a test email
/// arrives, and the signing key is rotated; the CLI and the DID document agree afterwards.
@Suite("Staff console integrations in a real browser", .serialized)
struct ConsoleIntegrationsBrowserTests {
    @Test("an admin adds and tests a webhook endpoint, rotates its secret, sends a test email and rotates the signing key")
    func integrations() throws {
        let site = try ConsoleSite(staff: [(email: "admin@example.org", name: "Ana Admin", role: "admin")])
        let result = try site.runBrowserScript("console_integrations.py", ["admin"])
        #expect(
            result.status == 0,
            "\(result.standardOutput)\n\(result.standardError.suffix(3000))\nserver: \(site.server.process.errorOutput.suffix(2000))")
        let output = result.standardOutput
        for check in [
            "the test event arrived signed", "after a rotation the event is signed with the new and the old secret", "the test email arrived",
            "the signing key was rotated",
        ] {
            #expect(output.contains("ok: \(check)"), "\(output)")
        }
        // The CLI sees the endpoint the console made; the DID document publishes both keys.
        let listed = try site.attest(["webhooks", "list"])
        #expect(listed.standardOutput.contains("http://127.0.0.1:") && listed.standardOutput.contains("all events"), "\(listed.standardOutput)")
        let did = try Executables.runProgram("curl", ["-sf", "\(site.address)/.well-known/did.json"])
        #expect(did.standardOutput.contains("#key-1") && did.standardOutput.contains("#key-2"), "\(did.standardOutput)")
        let audit = try site.attest(["audit", "export"]).standardOutput.split(separator: "\n")
        for kind in ["webhook.added", "webhook.secretRotated", "key.rotated"] {
            #expect(audit.contains { $0.contains(kind) && $0.contains(":admin@example.org") }, "\(kind)")
        }
    }
}
