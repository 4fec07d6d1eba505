import CanonicalJSON
import Delivery
import Foundation
import IssuerCore
import Testing

@Suite("Outbound webhooks to a loopback receiver")
struct WebhookDeliveryTests {
    @Test("500s are retried with back-off; the event arrives once, signed; email goes to .eml files without SMTP")
    func retriesThenExactlyOnce() async throws {
        let fixture = try await DeliveryFixture()
        let credential = try await fixture.issue(eventID: "evt-1", name: "Zoë Åkesson", email: "zoe@example.org")
        let receiver = try WebhookReceiver(secret: "whsec-test", failures: 2, folder: fixture.folder)
        defer { receiver.stop() }
        let clock = fixture.clock
        let emlFolder = fixture.folder.appendingPathComponent("outbox")
        let worker = OutboxWorker(
            store: fixture.store,
            configuration: DeliveryConfiguration(
                webhookEndpoints: [WebhookEndpoint(url: "http://127.0.0.1:\(receiver.port)/hooks", secret: "whsec-test")],
                retry: RetryPolicy(maximumAttempts: 5, baseDelay: 10, jitter: 0)),
            mailer: EMLFolderMailer(folder: emlFolder), now: { clock.now }, random: SeededRandomSource(seed: 2))

        let first = await worker.runOnce()
        #expect(first.fannedOut == 1)
        #expect(first.sent == 1)  // the email, into the folder
        #expect(first.retried == 1)
        clock.advance(by: 5)
        #expect(await worker.runOnce().retried == 0)  // 10 s back-off not over
        clock.advance(by: 6)
        #expect(await worker.runOnce().retried == 1)
        clock.advance(by: 21)
        #expect(await worker.runOnce().sent == 1)
        clock.advance(by: 3600)
        let idle = await worker.runOnce()
        #expect(idle.sent + idle.retried + idle.failed == 0)

        let log = try receiver.log()
        #expect(log.requests == 3)
        #expect(log.accepted.count == 1)
        let body = try JSONValue.parse(bytes: Array(try #require(log.accepted.first)))
        guard case .object(let event) = body, case .object(let data)? = event["data"] else { throw FixtureError("not an object") }
        #expect(event["type"] == .string("credential.issued"))
        #expect(data["credentialId"] == .string(credential.id))
        #expect(data["url"] == .string("https://certs.example.org/c/\(credential.id)"))
        #expect(data["state"] == .string("active"))
        let rows = try await fixture.outbox(channel: .webhook)
        let child = try #require(rows.first { $0.recipient != nil })
        #expect(child.state == .sent)
        #expect(child.attempts == 3)
        #expect(event["id"] == .string(String(child.id.prefix { $0 != "." })))

        let emails = try FileManager.default.contentsOfDirectory(at: emlFolder, includingPropertiesForKeys: nil)
        #expect(emails.count == 1)
        let parsed = try EmailParser.parse(Data(contentsOf: try #require(emails.first)), folder: fixture.folder)
        #expect(parsed.to.contains("zoe@example.org"))
    }

    @Test("an endpoint that never answers fails after the attempt limit with the last error")
    func attemptLimit() async throws {
        let fixture = try await DeliveryFixture()
        _ = try await fixture.issue(eventID: "evt-1", name: "Zoë Åkesson", email: "zoe@example.org")
        let clock = fixture.clock
        let port = try PythonProcess.freePort()
        let worker = OutboxWorker(
            store: fixture.store,
            configuration: DeliveryConfiguration(
                webhookEndpoints: [WebhookEndpoint(url: "http://127.0.0.1:\(port)/", secret: "s", events: [.credentialIssued])],
                retry: RetryPolicy(maximumAttempts: 2, baseDelay: 1, jitter: 0)),
            mailer: EMLFolderMailer(folder: fixture.folder.appendingPathComponent("outbox")), now: { clock.now },
            random: SeededRandomSource(seed: 3))
        #expect(await worker.runOnce().retried == 1)
        clock.advance(by: 2)
        #expect(await worker.runOnce().failed == 1)
        let child = try #require(try await fixture.outbox(channel: .webhook).first { $0.recipient != nil })
        #expect(child.state == .failed)
        #expect(child.attempts == 2)
        #expect(child.lastError?.hasPrefix("connectionFailed") == true)
    }
}
