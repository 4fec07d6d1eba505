import Delivery
import Foundation
import IssuerCore
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import TestSupport

@Suite("The outbox worker as a service: graceful shutdown stops it between sends, never mid-send")
struct OutboxWorkerServiceTests {
    @Test("shutdown during a send: that send finishes and is marked sent; the next row is left untouched")
    func shutdownDuringSend() async throws {
        let fixture = try await DeliveryFixture()
        _ = try await fixture.issue(eventID: "evt-1", name: "Ana Lima", email: "ana@example.org")
        _ = try await fixture.issue(eventID: "evt-2", name: "Bo Chen", email: "bo@example.org")
        let port = try PythonProcess.freePort()
        let sink = try HoldingSMTPSink(port: port, folder: fixture.folder)
        defer { sink.stop() }
        let clock = fixture.clock
        let worker = OutboxWorker(
            store: fixture.store, configuration: DeliveryConfiguration(),
            mailer: SMTPMailer(settings: try SMTPSettings(url: "smtp://127.0.0.1:\(port)", connectTimeout: 5, timeout: 120)),
            now: { clock.now }, random: SeededRandomSource(seed: 5))
        let lines = LogLines()
        let service = OutboxWorkerService(
            worker: worker, clock: ManualClock(), logger: Logger(label: "test.outbox") { _ in CapturingLogHandler(lines: lines) })
        let group = ServiceGroup(
            configuration: .init(services: [service], gracefulShutdownSignals: [], logger: Logger(label: "test.group")))
        let running = Task { try await group.run() }

        try await eventually("the first message's DATA is held by the server") { try sink.dataCommands() == 1 }
        await group.triggerGracefulShutdown()
        try await eventually("the worker heard the shutdown") {
            lines.contains("outbox worker stopping after the message in flight")
        }
        try sink.release()
        try await running.value

        #expect(lines.contains("outbox worker stopped"))
        #expect(try sink.received().count == 1, "the send in flight finished")
        #expect(try sink.dataCommands() == 1, "no further send was started")
        let rows = try await fixture.outbox(channel: .email)
        #expect(rows.count == 2)
        #expect(rows.filter { $0.state == .sent }.map(\.attempts) == [1], "the finished send is recorded as sent")
        #expect(
            rows.filter { $0.state == .pending }.map(\.attempts) == [0], "the next row was not claimed: it goes out after the restart")
    }

    @Test("the loop waits its poll interval on the clock it is given: a row that falls due goes out when the clock moves")
    func pollsOnTheGivenClock() async throws {
        let fixture = try await DeliveryFixture()
        let mailer = CountingMailer()
        let clock = fixture.clock
        let worker = OutboxWorker(
            store: fixture.store, configuration: DeliveryConfiguration(), mailer: mailer, now: { clock.now },
            random: SeededRandomSource(seed: 5))
        let manual = ManualClock()
        let service = OutboxWorkerService(worker: worker, pollInterval: .seconds(5), clock: manual)
        let group = ServiceGroup(
            configuration: .init(services: [service], gracefulShutdownSignals: [], logger: Logger(label: "test.group")))
        let running = Task { try await group.run() }

        try await eventually("the first (empty) pass is done and the worker waits") { manual.waiting == 1 }
        _ = try await fixture.issue(eventID: "evt-1", name: "Ana Lima", email: "ana@example.org")
        manual.advance(by: .seconds(4))
        #expect(manual.waiting == 1, "4 s of a 5 s interval do not wake it")
        manual.advance(by: .seconds(1))
        try await eventually("the second pass sent the row and waits again") { manual.sleepCalls == 2 && manual.waiting == 1 }
        #expect(mailer.count == 1)
        #expect(try await fixture.outbox(channel: .email).map(\.state) == [.sent])

        await group.triggerGracefulShutdown()
        try await running.value
        #expect(manual.sleepCalls == 2, "graceful shutdown ended the wait; no further pass")
    }
}

/// Counts messages and accepts them all.
final class CountingMailer: MailTransport, Sendable {
    private let sent = Mutex(0)
    var count: Int { sent.withLock { $0 } }
    func send(_ message: MIMEMessage) async throws { sent.withLock { $0 += 1 } }
}

/// Log messages kept for a test to read.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    func contains(_ line: String) -> Bool { lines.withLock { $0.contains(line) } }
}

/// A swift-log handler writing into ``LogLines``.
struct CapturingLogHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) { lines.append(event.message.description) }
}
