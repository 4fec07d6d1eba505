import Foundation
import Testing

/// Names the domain knows are closed sets at the CLI's edges too: an unknown one is refused with
/// its name, never read as a default.
@Suite("attest refuses unknown names by name")
struct TypedNamesCLITests {
    @Test("attest pdf --page-size a3 is refused, not drawn on A4")
    func unknownPageSize() throws {
        let result = try Executables.run("attest", ["pdf", "credential.json", "--out", "out.pdf", "--page-size", "a3"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("a3"), "\(result.standardError)")
    }

    @Test("a webhook in attest.json that wants an event Attest does not send makes the settings unreadable")
    func unknownWebhookEvent() throws {
        let workspace = try IssuerWorkspace()
        try workspace.initialize()
        let settingsPath = workspace.path("data/attest.json")
        var settings = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: settingsPath))) as? [String: Any])
        settings["webhooks"] = [["url": "http://127.0.0.1:9/hook", "secret": "s", "events": ["credential.issued", "credential.exploded"]]]
        try JSONSerialization.data(withJSONObject: settings).write(to: URL(fileURLWithPath: settingsPath))

        let refused = try workspace.attest(["deliver"])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("credential.exploded"), "\(refused.standardError)")
        #expect(refused.standardError.contains("webhooks[0].events[1]"), "\(refused.standardError)")

        settings["webhooks"] = [["url": "http://127.0.0.1:9/hook", "secret": "s", "events": ["credential.issued"]]]
        try JSONSerialization.data(withJSONObject: settings).write(to: URL(fileURLWithPath: settingsPath))
        let accepted = try workspace.attest(["deliver"])
        #expect(accepted.status == 0, "\(accepted.standardError)")
    }
}
