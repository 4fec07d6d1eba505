import CanonicalJSON
import Foundation
import IssuerCore
import Testing

@testable import Delivery

/// Webhook endpoints kept in the store (Settings → Webhooks, `attest webhooks`): the worker sends
/// to them without a restart, a rotated secret signs beside the new one for the overlap, a test
/// event goes out at once, a failed row can be retried; all audited without the secrets.
@Suite("Webhook endpoints in the store, against a loopback receiver")
struct StoredWebhookEndpointTests {
    /// Accepts every POST (204) and keeps each body with its `X-Attest-Signature`, so the test checks signatures itself.
    final class Recorder {
        let port: Int
        let folder: URL
        private let process: PythonProcess

        init(folder parent: URL) throws {
            folder = parent.appendingPathComponent("recorded-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            process = try PythonProcess(script: Self.script, arguments: [folder.path], folder: parent)
            guard let port = Int(process.firstLine) else { throw FixtureError("the recorder printed \(process.firstLine)") }
            self.port = port
        }

        func stop() { process.stop() }

        /// (body, signature header) of each request, in order.
        func requests() throws -> [(body: [UInt8], signature: String)] {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
            return try names.map { name in
                let body = try Data(contentsOf: folder.appendingPathComponent(name))
                let signature = try String(contentsOf: folder.appendingPathComponent(name.replacingOccurrences(of: ".json", with: ".sig")), encoding: .utf8)
                return (Array(body), signature)
            }
        }

        static let script = """
            import os, sys
            from http.server import BaseHTTPRequestHandler, HTTPServer
            folder, seen = sys.argv[1], [0]
            class Recorder(BaseHTTPRequestHandler):
                def log_message(self, *args):
                    pass
                def do_POST(self):
                    body = self.rfile.read(int(self.headers['Content-Length']))
                    seen[0] += 1
                    open(os.path.join(folder, '%04d.sig' % seen[0]), 'w').write(self.headers.get('X-Attest-Signature', ''))
                    open(os.path.join(folder, '%04d.json' % seen[0]), 'wb').write(body)
                    self.send_response(204); self.end_headers()
            server = HTTPServer(('127.0.0.1', 0), Recorder)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """
    }

    static func type(_ body: [UInt8]) throws -> String? {
        guard case .object(let event) = try JSONValue.parse(bytes: body), case .string(let type)? = event["type"] else { return nil }
        return type
    }

    @Test("added, sent to without a restart; rotated: both secrets sign during the overlap, only the new one after")
    func addRotateAndOverlap() async throws {
        let fixture = try await DeliveryFixture()
        let recorder = try Recorder(folder: fixture.folder)
        defer { recorder.stop() }
        let admin = WebhookEndpoints(environment: fixture.environment, actor: "staff:ana")
        let endpoint = try await admin.add(url: "http://127.0.0.1:\(recorder.port)/hooks", events: [.credentialIssued, .credentialRevoked])
        let clock = fixture.clock
        // No endpoint in the configuration: the worker finds the stored one itself.
        let worker = OutboxWorker(
            store: fixture.store, configuration: DeliveryConfiguration(), mailer: EMLFolderMailer(folder: fixture.folder),
            now: { clock.now }, random: SeededRandomSource(seed: 3))
        let first = try await fixture.issue(eventID: "evt-1", name: "Ana Lima", email: "ana@example.org")
        _ = await worker.runOnce()
        var requests = try recorder.requests()
        #expect(requests.count == 1)
        #expect(try Self.type(requests[0].body) == "credential.issued")
        #expect(AttestSignature.check(header: requests[0].signature, secret: endpoint.secret, body: requests[0].body, now: clock.now) == .valid)

        let rotated = try await admin.rotateSecret(id: endpoint.id, overlap: 3600)
        #expect(rotated.secret != endpoint.secret && rotated.previousSecret == endpoint.secret)
        _ = try await CredentialChanges(environment: fixture.environment, actor: "staff:ana").revoke(first.id, reason: "issued in error")
        _ = await worker.runOnce()
        requests = try recorder.requests()
        #expect(requests.count == 2)
        let during = try #require(requests.last)
        #expect(try Self.type(during.body) == "credential.revoked")
        #expect(during.signature.components(separatedBy: "v1=").count == 3, "two signatures: \(during.signature)")
        for secret in [rotated.secret, endpoint.secret] {
            #expect(AttestSignature.check(header: during.signature, secret: secret, body: during.body, now: clock.now) == .valid)
        }

        clock.advance(by: 3601)
        _ = try await fixture.issue(eventID: "evt-2", name: "Bo Berg", email: "bo@example.org")
        _ = await worker.runOnce()
        let after = try #require(try recorder.requests().last)
        #expect(after.signature.components(separatedBy: "v1=").count == 2)
        #expect(AttestSignature.check(header: after.signature, secret: rotated.secret, body: after.body, now: clock.now) == .valid)
        #expect(AttestSignature.check(header: after.signature, secret: endpoint.secret, body: after.body, now: clock.now) == .mismatch)

        // Audited under who did it, never with a secret.
        let entries = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 100) }.filter { $0.kind.hasPrefix("webhook.") }
        #expect(entries.map(\.kind) == ["webhook.added", "webhook.secretRotated"])
        #expect(entries.allSatisfy { $0.actor == "staff:ana" && !$0.data.contains(endpoint.secret) && !$0.data.contains(rotated.secret) })
    }

    @Test("a test event arrives signed at once; a dead endpoint's failed row is retried after it is fixed")
    func testEventAndRetry() async throws {
        let fixture = try await DeliveryFixture()
        let recorder = try Recorder(folder: fixture.folder)
        defer { recorder.stop() }
        let admin = WebhookEndpoints(environment: fixture.environment, actor: "staff:ana")
        let endpoint = try await admin.add(url: "http://127.0.0.1:\(recorder.port)/hooks", events: nil)
        let issuer = try #require(try await fixture.store.read { try $0.issuer() })
        let sent = await WebhookTestEvent.send(to: WebhookEndpoint(endpoint), issuer: issuer, id: "test-1", at: fixture.clock.now)
        #expect(try sent.get() == 204)
        let test = try #require(try recorder.requests().first)
        #expect(try Self.type(test.body) == "webhook.test")
        #expect(AttestSignature.check(header: test.signature, secret: endpoint.secret, body: test.body, now: fixture.clock.now) == .valid)
        let dead = WebhookEndpoint(url: "http://127.0.0.1:\(try PythonProcess.freePort())/hooks", secret: "s")
        guard case .failure = await WebhookTestEvent.send(to: dead, issuer: issuer, id: "test-2", at: fixture.clock.now) else {
            Issue.record("a closed port took the test event")
            return
        }

        // Removed before delivery: the row fails (the endpoint is no longer configured) …
        _ = try await fixture.issue(eventID: "evt-1", name: "Ana Lima", email: "ana@example.org")
        let clock = fixture.clock
        let worker = OutboxWorker(
            store: fixture.store, configuration: DeliveryConfiguration(), mailer: EMLFolderMailer(folder: fixture.folder),
            now: { clock.now }, random: SeededRandomSource(seed: 3))
        _ = try await worker.fanOutWebhooks()
        try await admin.remove(id: endpoint.id)
        _ = await worker.runOnce()
        let failed = try #require(try await fixture.outbox(channel: .webhook).first { $0.recipient != nil })
        #expect(failed.state == .failed)
        await #expect(throws: IssuerError.self) { try await admin.retry(outboxMessageID: "out-NOPE") }
        // … added again and retried, it arrives; retrying a row that has not failed is refused.
        _ = try await admin.add(url: endpoint.url, events: nil)
        let retried = try await admin.retry(outboxMessageID: failed.id)
        #expect(retried.state == .pending && retried.attempts == 0)
        await #expect(throws: IssuerError.self) { try await admin.retry(outboxMessageID: failed.id) }
        _ = await worker.runOnce()
        #expect(try await fixture.store.read { try $0.outboxMessage(id: failed.id) }?.state == .sent)
        #expect(try recorder.requests().count == 2)
        let deliveries = try await fixture.store.read { try $0.webhookDeliveries(url: endpoint.url, limit: 10) }
        #expect(deliveries.map(\.id) == [failed.id])
    }

    @Test func badEndpointsAreRefused() async throws {
        let fixture = try await DeliveryFixture()
        let admin = WebhookEndpoints(environment: fixture.environment, actor: "cli")
        for url in ["ftp://x.example/h", "https://user:pw@x.example/h", "https:///h", "https://x.example/h#frag", "javascript:alert(1)", "https://x.example/ h"] {
            await #expect(throws: IssuerError.self, "\(url)") { try await admin.add(url: url, events: nil) }
        }
        await #expect(throws: IssuerError.self) { try await admin.add(url: "https://x.example/h", events: []) }
        _ = try await admin.add(url: "https://x.example/h", events: nil)
        await #expect(throws: IssuerError.self) { try await admin.add(url: "https://x.example/h", events: nil) }
        await #expect(throws: IssuerError.self) { try await admin.rotateSecret(id: "wh-NOPE") }
        #expect(try await fixture.store.read { try $0.webhookEndpoints() }.count == 1)
    }
}
