import Delivery
import Foundation
import TestSupport
import IssuerCore
import Synchronization
import Testing

@Suite("Outbox worker over a real SMTP server (aiosmtpd on loopback)")
struct OutboxWorkerSMTPTests {
    @Test("server down: rows wait with a next attempt; server up: each arrives exactly once, PDF attached")
    func serverDownThenUp() async throws {
        let fixture = try await DeliveryFixture(renderDocuments: true)
        let first = try await fixture.issue(eventID: "evt-1", name: "Σοφία Παπαδοπούλου", email: "sofia@example.org")
        _ = try await fixture.issue(eventID: "evt-2", name: "王小明", email: "wang@example.org")
        let port = try PythonProcess.freePort()
        let clock = fixture.clock
        let worker = OutboxWorker(
            store: fixture.store, configuration: DeliveryConfiguration(retry: RetryPolicy(maximumAttempts: 5, baseDelay: 30)),
            mailer: SMTPMailer(settings: try SMTPSettings(url: "smtp://127.0.0.1:\(port)", connectTimeout: 2, timeout: 10)),
            now: { clock.now }, random: SeededRandomSource(seed: 5))

        let down = await worker.runOnce()
        #expect(down.retried == 2)
        #expect(down.sent == 0)
        for row in try await fixture.outbox(channel: .email) {
            #expect(row.state == .pending)
            #expect(row.attempts == 1)
            #expect(row.lastError?.hasPrefix("connectionFailed") == true)
            let wait = try #require(row.nextAttemptAt).timeIntervalSince(clock.now)
            #expect(wait >= 15 && wait <= 30)
        }
        #expect(await worker.runOnce().retried == 0)  // not due yet

        let server = try SMTPSink(port: port, folder: fixture.folder)
        defer { server.stop() }
        clock.advance(by: 31)
        let up = await worker.runOnce()
        #expect(up.sent == 2)
        clock.advance(by: 3600)
        #expect(await worker.runOnce().sent == 0)
        let received = try server.received()
        #expect(received.count == 2)
        #expect(try await fixture.outbox(channel: .email).allSatisfy { $0.state == .sent && $0.attempts == 2 })

        let parsed = try received.map { try EmailParser.parse(Data(contentsOf: $0), folder: fixture.folder) }
        let sofia = try #require(parsed.first { $0.to.contains("sofia@example.org") })
        #expect(sofia.subject == "Your certificate: Working at Height — Level 2")
        #expect(sofia.to.contains("Σοφία Παπαδοπούλου"))
        #expect(
            sofia.structure == [
                "multipart/mixed", "multipart/alternative", "text/plain", "multipart/related", "text/html", "image/png", "application/pdf",
            ])
        #expect(sofia.text.contains("https://certs.example.org/c/\(first.id)"))
        #expect(sofia.html.contains("https://certs.example.org/c/\(first.id)"))
        #expect(sofia.text.contains(try #require(first.passcode)))
        #expect(sofia.text.contains("https://certs.example.org/c/\(first.id)/share/linkedin"))
        #expect(sofia.html.contains(#"href="https://certs.example.org/learner/login""#))
        #expect(sofia.longestLine <= 76)
        let attachment = try #require(sofia.attachments.first)
        #expect(attachment.filename == "certificate-\(first.id).pdf")
        let pdf = try #require(Data(base64Encoded: attachment.base64))
        #expect(pdf == first.pdf)
        #expect(try embeddedCredential(of: pdf, folder: fixture.folder) == first.credentialJSON)
    }

    @Test("a 550 reply fails the row at once and keeps the server's reply")
    func permanentRejection() async throws {
        let fixture = try await DeliveryFixture()
        _ = try await fixture.issue(eventID: "evt-9", name: "Rejected Person", email: "reject-me@example.org")
        let port = try PythonProcess.freePort()
        let server = try SMTPSink(port: port, folder: fixture.folder)
        defer { server.stop() }
        let clock = fixture.clock
        let observed = Mutex<[DeliveryAttempt]>([])
        let worker = OutboxWorker(
            store: fixture.store, configuration: DeliveryConfiguration(observer: { attempt in observed.withLock { $0.append(attempt) } }),
            mailer: SMTPMailer(settings: try SMTPSettings(url: "smtp://127.0.0.1:\(port)")), now: { clock.now },
            random: SeededRandomSource(seed: 1))
        let summary = await worker.runOnce()
        #expect(summary.failed == 1)
        // What `attest serve` counts in attest_delivery_failures_total{permanent="true"}.
        let attempts = observed.withLock { $0 }
        #expect(attempts.map(\.result) == [.failed])
        #expect(attempts.first?.channel == .email && attempts.first?.error?.code == .smtpRejected)
        let row = try #require(try await fixture.outbox(channel: .email).first)
        #expect(row.state == .failed)
        #expect(row.attempts == 1)
        #expect(row.nextAttemptAt == nil)
        #expect(row.lastError?.contains("550 5.1.1 <reject-me@example.org>: mailbox unavailable") == true, "\(row.lastError ?? "")")
        #expect(row.lastError?.hasPrefix("smtpRejected") == true)
        #expect(try server.received().isEmpty)
    }

    /// The credential file embedded in the PDF, read with poppler's `pdfdetach`.
    func embeddedCredential(of pdf: Data, folder: URL) throws -> Data? {
        let directory = folder.appendingPathComponent("detached-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("certificate.pdf")
        try pdf.write(to: file)
        let process = Subprocess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdfdetach", "-saveall", "-o", directory.path, file.path]
        try process.run()
        process.waitUntilExit()
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil).filter {
            $0.pathExtension == "json"
        }
        return try files.first.map { try Data(contentsOf: $0) }
    }
}
