import Delivery
import Foundation
import IssuerCore
import Synchronization
import Testing

/// The workflow error table's first row (Spec/workflow.md): a downstream (here a webhook
/// receiver) that times out is retried, 3 attempts at growing intervals by default, then
/// escalated: the row is `failed` with the timeout as its last error, and the attempt that gave
/// up is reported as `failed` (what `attest_deliveries_total{result="failed"}` counts).
@Suite("A downstream that times out: retried 3 times, then failed")
struct DownstreamTimeoutTests {
    /// Accepts connections and never answers, so every POST times out.
    static let silentReceiver = """
        import socket, sys, time
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        print(server.getsockname()[1], flush=True)
        held = []
        while True:
            connection, _ = server.accept()
            held.append(connection)
        """

    @Test("the default policy: 3 attempts at growing intervals, then failed and reported as failed")
    func timeoutIsRetriedThreeTimesThenFailed() async throws {
        let fixture = try await DeliveryFixture()
        _ = try await fixture.issue(eventID: "evt-1", name: "Zoë Åkesson", email: "zoe@example.org")
        let receiver = try PythonProcess(script: Self.silentReceiver, arguments: [], folder: fixture.folder)
        defer { receiver.stop() }
        let clock = fixture.clock
        let results = Mutex<[DeliveryAttempt.Result]>([])
        let worker = OutboxWorker(
            store: fixture.store,
            configuration: DeliveryConfiguration(
                webhookEndpoints: [
                    WebhookEndpoint(url: "http://127.0.0.1:\(receiver.firstLine)/hooks", secret: "s", events: [.credentialIssued])
                ],
                observer: { attempt in if attempt.channel == .webhook { results.withLock { $0.append(attempt.result) } } }),
            mailer: EMLFolderMailer(folder: fixture.folder.appendingPathComponent("outbox")),
            webhooks: WebhookSender(connectTimeout: 1, timeout: 1), now: { clock.now }, random: SeededRandomSource(seed: 4))
        #expect(RetryPolicy().maximumAttempts == 3)

        func child() async throws -> OutboxMessage {
            try #require(try await fixture.outbox(channel: .webhook).first { $0.recipient != nil })
        }
        #expect(await worker.runOnce().retried == 1)
        let first = try await child()
        let firstWait = try #require(first.nextAttemptAt).timeIntervalSince(clock.now)
        #expect(first.state == .pending && first.attempts == 1)
        #expect(first.lastError?.contains("imed out") == true || first.lastError?.contains("timeout") == true, "\(first.lastError ?? "")")
        clock.advance(by: firstWait + 0.001)
        #expect(await worker.runOnce().retried == 1)
        let second = try await child()
        let secondWait = try #require(second.nextAttemptAt).timeIntervalSince(clock.now)
        #expect(secondWait > firstWait, "waits \(firstWait) then \(secondWait): they must grow")
        clock.advance(by: secondWait + 0.001)
        #expect(await worker.runOnce().failed == 1)
        let last = try await child()
        #expect(last.state == .failed && last.attempts == 3)
        clock.advance(by: 86_400)
        let idle = await worker.runOnce()
        #expect(idle.sent + idle.retried + idle.failed == 0)
        #expect(results.withLock { $0 } == [.retry, .retry, .failed])
    }
}
