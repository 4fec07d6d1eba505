import Delivery
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import Testing

@testable import StaffConsole

/// Settings → Webhooks, Email and Signing keys through the real routes: everyone may look, only
/// an administrator changes anything, secrets appear once and passwords never, changes audited.
@Suite("Console integrations: webhooks, email, signing keys")
struct ConsoleIntegrationsTests {
    static func secret(in page: String) throws -> String {
        let start = try #require(page.range(of: "id=\"secret\" readonly spellcheck=\"false\" value=\""))
        return String(page[start.upperBound...].prefix { $0 != "\"" })
    }

    @Test func anAdminAddsChangesRotatesAndRemovesAnEndpoint() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let admin = try await fixture.signIn(role: .admin)
        let viewer = try await fixture.signIn(role: .viewer, email: "viewer@example.org")
        try await fixture.application().test(.router) { client in
            let bad = try await client.execute(
                uri: "/console/settings/webhooks", method: .post, headers: admin.formHeaders,
                body: admin.form([("url", "ftp://lms.example/<hook>")]))
            #expect(bad.status == .badRequest && bad.text.contains("id=\"url-error\"") && bad.text.contains("http:// or https://"))
            #expect(bad.text.contains("value=\"ftp://lms.example/&lt;hook&gt;\""))
            #expect(try await fixture.store.read { try $0.webhookEndpoints() }.isEmpty)

            let added = try await client.execute(
                uri: "/console/settings/webhooks", method: .post, headers: admin.formHeaders,
                body: admin.form([("url", "https://lms.example/hooks"), ("event", "credential.issued"), ("event", "credential.revoked")]))
            #expect(added.status == .ok)
            let secret = try Self.secret(in: added.text)
            let endpoint = try #require(try await fixture.store.read { try $0.webhookEndpoints() }.first)
            #expect(endpoint.secret == secret && endpoint.events == [.credentialIssued, .credentialRevoked])

            // Nobody sees the secret again; a viewer sees the endpoint but changes nothing.
            for page in ["/console/settings/webhooks", "/console/settings/webhooks/\(endpoint.id)"] {
                for member in [admin, viewer] {
                    let shown = try await client.execute(uri: page, method: .get, headers: member.headers)
                    #expect(shown.status == .ok && shown.text.contains("https://lms.example/hooks") && !shown.text.contains(secret))
                }
            }
            let refused = try await client.execute(
                uri: "/console/settings/webhooks/\(endpoint.id)/remove", method: .post, headers: viewer.formHeaders, body: viewer.form([]))
            #expect(refused.status == .forbidden)
            let forged = try await client.execute(
                uri: "/console/settings/webhooks/\(endpoint.id)/remove", method: .post, headers: admin.formHeaders,
                body: admin.form([], withCSRF: false))
            #expect(forged.status == .forbidden)

            let events = try await client.execute(
                uri: "/console/settings/webhooks/\(endpoint.id)/events", method: .post, headers: admin.formHeaders, body: admin.form([]))
            #expect(events.status == .seeOther)
            #expect(try await fixture.store.read { try $0.webhookEndpoints() }.first?.events == nil)
            let tooLong = try await client.execute(
                uri: "/console/settings/webhooks/\(endpoint.id)/rotate", method: .post, headers: admin.formHeaders,
                body: admin.form([("overlap", "721")]))
            #expect(tooLong.status == .badRequest && tooLong.text.contains("from 0 to 720"))
            let rotated = try await client.execute(
                uri: "/console/settings/webhooks/\(endpoint.id)/rotate", method: .post, headers: admin.formHeaders,
                body: admin.form([("overlap", "2")]))
            let newSecret = try Self.secret(in: rotated.text)
            let stored = try #require(try await fixture.store.read { try $0.webhookEndpoints() }.first)
            #expect(stored.secret == newSecret && stored.previousSecret == secret)
            #expect(stored.previousSecretUntil == fixture.clock.now.addingTimeInterval(7_200))
            let removed = try await client.execute(
                uri: "/console/settings/webhooks/\(endpoint.id)/remove", method: .post, headers: admin.formHeaders, body: admin.form([]))
            #expect(removed.status == .seeOther)
            #expect(try await fixture.store.read { try $0.webhookEndpoints() }.isEmpty)
        }
        let audit = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 100) }.filter { $0.kind.hasPrefix("webhook.") }
        #expect(audit.map(\.kind) == ["webhook.added", "webhook.changed", "webhook.secretRotated", "webhook.removed"])
        #expect(audit.allSatisfy { $0.actor == admin.member.auditActor })
    }

    @Test func theEmailPageShowsTheSettingsButNeverThePasswordAndRetriesAFailedMessage() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("console-mail-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let password = "s3cr\u{E9}t pw&<x>"
        let smtp = try MailSetup.make(
            smtpURL: "smtp://certs%40example.org:s3cr%C3%A9t%20pw%26%3Cx%3E@127.0.0.1:2525?allow-plaintext-auth", outboxFolder: folder,
            sender: .init(name: "Example", address: "certs@example.org"), log: { _ in })
        let smtpFixture = try await ConsoleFixture { $0.mail = smtp }
        defer { smtpFixture.remove() }
        let admin = try await smtpFixture.signIn(role: .admin)
        try await smtpFixture.application().test(.router) { client in
            let page = try await client.execute(uri: "/console/settings/email", method: .get, headers: admin.headers).text
            #expect(page.contains("smtp://127.0.0.1:2525") && page.contains("certs@example.org") && page.contains("set (never shown)"))
            for leak in [password, "s3cr", "%C3%A9t"] { #expect(!page.contains(leak), "\(leak)") }
        }

        // Through .eml files: the test email is written; a failed message is retried.
        let files = try MailSetup.make(smtpURL: nil, outboxFolder: folder, sender: .init(address: "certs@example.org"), log: { _ in })
        let fixture = try await ConsoleFixture { $0.mail = files }
        defer { fixture.remove() }
        let issuerAdmin = try await fixture.signIn(role: .admin)
        var failed = OutboxMessage(
            id: "out-FAILED", channel: .email, event: .credentialIssued, subjectID: "c-1", recipient: "ana@example.org",
            createdAt: fixture.clock.now)
        (failed.state, failed.attempts, failed.lastError) = (.failed, 8, "550 mailbox <unavailable>")
        let message = failed
        try await fixture.store.write { try $0.saveOutboxMessage(message) }
        try await fixture.application().test(.router) { client in
            let page = try await client.execute(uri: "/console/settings/email", method: .get, headers: issuerAdmin.headers).text
            #expect(page.contains("550 mailbox &lt;unavailable&gt;") && page.contains("/console/settings/outbox/out-FAILED/retry"))
            let bad = try await client.execute(
                uri: "/console/settings/email/test", method: .post, headers: issuerAdmin.formHeaders, body: issuerAdmin.form([("to", "not an address")]))
            #expect(bad.status == .badRequest && bad.text.contains("id=\"to-error\""))
            let sent = try await client.execute(
                uri: "/console/settings/email/test", method: .post, headers: issuerAdmin.formHeaders,
                body: issuerAdmin.form([("to", "ops@example.org")]))
            #expect(sent.status == .ok && sent.text.contains("handed to the mail server for ops@example.org"))
            let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }
            #expect(written.count == 1)
            let retried = try await client.execute(
                uri: "/console/settings/outbox/out-FAILED/retry", method: .post, headers: issuerAdmin.formHeaders,
                body: issuerAdmin.form([("back", "https://evil.example/")]))
            #expect(retried.status == .seeOther && retried.headers[.location] == "/console/settings/email?done=retried")
            #expect(try await fixture.store.read { try $0.outboxMessage(id: "out-FAILED") }?.state == .pending)
            let again = try await client.execute(
                uri: "/console/settings/outbox/out-FAILED/retry", method: .post, headers: issuerAdmin.formHeaders, body: issuerAdmin.form([]))
            #expect(again.status == .badRequest)
        }
    }

    @Test func theKeysPageListsTheKeysAndSaysWhatRotationMeans() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let admin = try await fixture.signIn(role: .admin)
        try await fixture.application().test(.router) { client in
            let page = try await client.execute(uri: "/console/settings/keys", method: .get, headers: admin.headers).text
            #expect(page.contains("#key-1</code>") && page.contains("Signing") && page.contains("Certificates already issued are not changed"))
            #expect(page.contains("without a key store it may write to"))
            let refused = try await client.execute(
                uri: "/console/settings/keys/rotate", method: .post, headers: admin.formHeaders, body: admin.form([]))
            #expect(refused.status == .badRequest)
        }
    }
}
