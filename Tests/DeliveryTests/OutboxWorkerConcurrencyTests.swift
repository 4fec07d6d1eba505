import Delivery
import Foundation
import IssuerCore
import Testing

@Suite("Outbox worker: claims and transient SMTP replies")
struct OutboxWorkerConcurrencyTests {
    @Test("two workers on one database at once never send a row twice")
    func twoWorkers() async throws {
        let fixture = try await DeliveryFixture()
        for index in 1...4 {
            _ = try await fixture.issue(eventID: "evt-\(index)", name: "Learner \(index)", email: "learner\(index)@example.org")
        }
        let port = try PythonProcess.freePort()
        let server = try SMTPSink(port: port, folder: fixture.folder)
        defer { server.stop() }
        let clock = fixture.clock
        func worker(seed: UInt64) throws -> OutboxWorker {
            OutboxWorker(
                store: fixture.store, configuration: DeliveryConfiguration(),
                mailer: SMTPMailer(settings: try SMTPSettings(url: "smtp://127.0.0.1:\(port)")), now: { clock.now },
                random: SeededRandomSource(seed: seed))
        }
        let (first, second) = (try worker(seed: 1), try worker(seed: 2))
        async let one = first.runOnce()
        async let two = second.runOnce()
        let summaries = await [one, two]
        #expect(summaries.map(\.sent).reduce(0, +) == 4)
        #expect(try server.received().count == 4)
        #expect(try await fixture.outbox(channel: .email).allSatisfy { $0.state == .sent && $0.attempts == 1 })
    }

    @Test("a 451 reply is transient: the row waits for its next attempt with the reply kept")
    func deferred() async throws {
        let fixture = try await DeliveryFixture()
        _ = try await fixture.issue(eventID: "evt-1", name: "Deferred Person", email: "defer-me@example.org")
        let port = try PythonProcess.freePort()
        let server = try SMTPSink(port: port, folder: fixture.folder)
        defer { server.stop() }
        let clock = fixture.clock
        let worker = OutboxWorker(
            store: fixture.store, configuration: DeliveryConfiguration(),
            mailer: SMTPMailer(settings: try SMTPSettings(url: "smtp://127.0.0.1:\(port)")), now: { clock.now },
            random: SeededRandomSource(seed: 4))
        #expect(await worker.runOnce().retried == 1)
        let row = try #require(try await fixture.outbox(channel: .email).first)
        #expect(row.state == .pending)
        #expect(row.attempts == 1)
        #expect(row.nextAttemptAt.map { $0 > clock.now } == true)
        #expect(row.lastError?.contains("451 4.3.0 <defer-me@example.org>: try again later") == true, "\(row.lastError ?? "")")
    }
}
