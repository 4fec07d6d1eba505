import Foundation
import Synchronization
import Testing
import TestSupport

@testable import Delivery

@Suite("libcurl transfers run on the bounded curl threads, not the Swift concurrency pool")
struct CurlThreadPoolTests {
    static let message = MIMEMessage(
        from: .init(address: "certs@example.org"), to: [.init(address: "ana@example.org")], subject: "Hello", text: "Hello.",
        html: "<p>Hello.</p>", date: Date(timeIntervalSince1970: 1_795_424_400), messageID: "m-1@example.org")

    @Test("an SMTP send in flight holds one of the pool's threads: a pool of one refuses the next job until it ends")
    func smtpTransferRunsOnThePool() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("curl-pool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let port = try PythonProcess.freePort()
        let sink = try HoldingSMTPSink(port: port, folder: folder)
        defer { sink.stop() }
        let pool = CurlThreadPool(threadCount: 1, maximumWaiting: 0)
        var mailer = SMTPMailer(settings: try SMTPSettings(url: "smtp://127.0.0.1:\(port)", connectTimeout: 5, timeout: 120))
        mailer.pool = pool

        let sending = Task { [mailer] in try await mailer.send(Self.message) }
        try await eventually("the DATA is held by the server") { try sink.dataCommands() == 1 }
        let busy = await #expect(throws: DeliveryError.self) { try await pool.run { 1 } }
        #expect(busy?.code == .curlBusy)
        #expect(busy?.isTransient == true)
        try sink.release()
        try await sending.value
        #expect(try sink.received().count == 1)
        #expect(try await pool.run { 2 } == 2, "the thread is free again")
    }

    @Test("a webhook POST goes through the pool: with its only thread taken, the send is refused as busy, not attempted")
    func webhookTransferRunsOnThePool() async throws {
        let pool = CurlThreadPool(threadCount: 1, maximumWaiting: 0)
        let gate = DispatchSemaphore(value: 0)
        let started = Mutex(false)
        let blocker = Task {
            try await pool.run {
                started.withLock { $0 = true }
                gate.wait()
            }
        }
        try await eventually("the blocking job holds the thread") { started.withLock { $0 } }
        var sender = WebhookSender(connectTimeout: 1, timeout: 2)
        sender.pool = pool
        // Port 9 on loopback: without the pool the POST would be tried and fail as connectionFailed.
        let error = await #expect(throws: DeliveryError.self) {
            try await sender.send(
                body: Array("{}".utf8), eventID: "e-1", to: WebhookEndpoint(url: "http://127.0.0.1:9/hook", secret: "s"), timestamp: 0)
        }
        #expect(error?.code == .curlBusy)
        gate.signal()
        try await blocker.value
    }

    @Test("jobs run on the pool's own marked threads, never on the concurrency pool's")
    func jobsRunOnMarkedThreads() async throws {
        let pool = CurlThreadPool(threadCount: 2, maximumWaiting: 4)
        let seen = try await withThrowingTaskGroup(of: Int?.self) { group in
            for _ in 0..<6 {
                group.addTask { try await pool.run { Thread.current.threadDictionary[CurlThreadPool.workerMarker] as? Int } }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(seen.count == 6)
        #expect(seen.allSatisfy { $0 == 0 || $0 == 1 })
    }
}
