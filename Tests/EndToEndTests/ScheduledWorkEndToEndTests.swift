import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 19 points 6 and 7 with the real binary: `attest issue` on a program with a 48 h delay is
/// scheduled; a real `attest serve` (work scheduler every 0.2 s, on a clock the test moves through
/// `ATTEST_CLOCK_FILE`) issues it once the delay is over, emails the 30-day expiry reminder with the
/// renewal link to a real SMTP server (aiosmtpd) and posts `credential.follow_up` and
/// `credential.expired` to a loopback receiver that checks their signature, each once.
@Suite("Scheduled work against a running attest serve", .serialized)
struct ScheduledWorkEndToEndTests {
    static let program = """
        {"id": "first-aid", "version": 1,
         "achievement": {"name": "First Aid at Work", "description": "Emergency first aid.", "criteria": "Course and assessment."},
         "validity": "P1Y", "rules": {}, "issuanceDelay": "PT48H",
         "followUps": [{"after": "P7D", "from": "issuance", "event": "testimonial.request"}],
         "renewalURL": "https://training.example.org/renew/first-aid", "expiryReminders": [30]}
        """

    @Test func delayReminderAndWebhooksWithTheRealBinary() async throws {
        let workspace = try IssuerWorkspace()
        let clock = workspace.path("clock")
        // The clock starts a year and two days back, so everything the scheduler writes is already
        // due for the outbox worker, which runs on the real clock.
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let start = utc.date(byAdding: .day, value: -2, to: utc.date(byAdding: .year, value: -1, to: Date())!)!
            .addingTimeInterval(0).timeIntervalSince1970.rounded(.down)
            .date
        var now = start
        try ComplianceEndToEndTests.set(clock, to: now)
        let environment = ["ATTEST_CLOCK_FILE": clock]
        func attest(_ arguments: [String]) throws -> String {
            let result = try workspace.attest(arguments, environment: environment)
            #expect(result.status == 0, "attest \(arguments.joined(separator: " ")): \(result.standardError)")
            return result.standardOutput
        }
        _ = try attest(["init", "--name", "Northwind Safety Academy", "--base-url", "https://certs.example.org", "--keys", workspace.keys])
        _ = try attest(["programs", "add", try workspace.write(Self.program, "program.json")])
        let receiver = try SignedWebhookReceiver(secret: "whsec-e2e", folder: workspace.folder)
        defer { receiver.stop() }
        let settingsPath = workspace.path("data/attest.json")
        var settings = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: settingsPath))) as? [String: Any])
        settings["webhooks"] = [["url": "http://127.0.0.1:\(receiver.port)/hooks", "secret": "whsec-e2e"]]
        try JSONSerialization.data(withJSONObject: settings).write(to: URL(fileURLWithPath: settingsPath))

        let stamp = ISO8601DateFormatter().string(from: now)
        let issued = try attest([
            "issue", "--program", "first-aid", "--learner-id", "u-1", "--email", "ana@example.org", "--name", "Ana Lima",
            "--completed-at", stamp,
        ])
        #expect(issued.contains("scheduled as cmp-"), "\(issued)")
        #expect(try attest(["scheduled", "list"]).contains("issuance"))
        #expect(try workspace.count("SELECT count(*) FROM credential") == 0)

        let sink = try MessageIDSink(folder: workspace.folder, keepText: true)
        defer { sink.stop() }
        let server = try RunningServer(
            workspace, arguments: ["--smtp-url", sink.url, "--compliance-interval", "0.2"], environment: environment)
        defer { _ = server.stop() }
        func waitFor(_ what: String, _ condition: () throws -> Bool) async throws {
            // Polled with a generous deadline, not timed: the scheduler ticks every 0.2 s, a loaded machine may be slower.
            let deadline = Date().addingTimeInterval(90)
            while try !condition(), Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
            #expect(try condition(), "\(what) (log: \(server.process.errorOutput))")
        }

        now += 47 * 3600
        try ComplianceEndToEndTests.set(clock, to: now)
        try await Task.sleep(for: .seconds(1))  // several ticks: nothing is due yet
        #expect(try workspace.count("SELECT count(*) FROM credential") == 0, "not before 48 hours")
        now += 3600
        try ComplianceEndToEndTests.set(clock, to: now)
        try await waitFor("issued after 48 hours") { try workspace.count("SELECT count(*) FROM credential WHERE state = 'active'") == 1 }
        try await waitFor("the certificate email") { sink.messageIDs().count == 1 }

        now += 7 * 86_400
        try ComplianceEndToEndTests.set(clock, to: now)
        try await waitFor("the follow-up webhook") { try receiver.types().contains("credential.follow_up") }

        let validUntil = utc.date(byAdding: .year, value: 1, to: start)!
        now = validUntil.addingTimeInterval(-30 * 86_400)
        try ComplianceEndToEndTests.set(clock, to: now)
        try await waitFor("the 30-day reminder email") { sink.messageIDs().count == 2 }
        let reminder = try #require(sink.texts().last)
        #expect(reminder.to.contains("ana@example.org"))
        #expect(reminder.text.contains("Renew it here: https://training.example.org/renew/first-aid"), "\(reminder.text)")
        #expect(reminder.text.contains("(30 days from now)"), "\(reminder.text)")

        now = validUntil.addingTimeInterval(1)
        try ComplianceEndToEndTests.set(clock, to: now)
        try await waitFor("the expired webhook") { try receiver.types().contains("credential.expired") }
        try await Task.sleep(for: .seconds(1))  // more ticks: nothing is sent twice
        #expect(sink.messageIDs().count == 2)
        #expect(
            try receiver.types().sorted() == ["credential.expired", "credential.expiring", "credential.follow_up", "credential.issued"])
        #expect(receiver.refused() == 0, "every webhook carried a valid signature")
        #expect(try workspace.count("SELECT count(*) FROM scheduledWork WHERE state = 'scheduled'") == 0)
    }
}

extension TimeInterval {
    /// The moment this many seconds after 1970.
    fileprivate var date: Date { Date(timeIntervalSince1970: self) }
}

/// An HTTP receiver on 127.0.0.1 that keeps the body of every POST whose `X-Attest-Signature` is
/// valid for `secret` and answers 401 (and counts) the others.
final class SignedWebhookReceiver {
    let port: Int
    private let process = Subprocess()
    private let folder: URL

    init(secret: String, folder parent: URL) throws {
        folder = parent.appendingPathComponent("hooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("receiver.py")
        try Data(Self.script.utf8).write(to: script)
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", script.path, secret, folder.path]
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw MessageIDSink.SinkFailed(description: "the webhook receiver exited before it listened") }
            line += chunk
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw MessageIDSink.SinkFailed(description: "the webhook receiver printed no port")
        }
        self.port = port
    }

    deinit { stop() }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The `type` of every accepted webhook, in arrival order.
    func types() throws -> [String] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        return try files.compactMap { name in
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name))) as? [String: Any]
            return object?["type"] as? String
        }
    }

    /// How many requests were refused for a bad signature.
    func refused() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".refused") }.count
    }

    static let script = """
        import hashlib, hmac, os, sys
        from http.server import BaseHTTPRequestHandler, HTTPServer

        secret, folder = sys.argv[1].encode(), sys.argv[2]
        seen = [0]

        class Receiver(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass
            def do_POST(self):
                body = self.rfile.read(int(self.headers['Content-Length']))
                seen[0] += 1
                fields = dict(p.split('=', 1) for p in self.headers.get('X-Attest-Signature', '').split(',') if '=' in p)
                expected = hmac.new(secret, fields.get('t', '').encode() + b'.' + body, hashlib.sha256).hexdigest()
                if not hmac.compare_digest(expected, fields.get('v1', '')):
                    open(os.path.join(folder, '%04d.refused' % seen[0]), 'wb').write(body)
                    self.send_response(401); self.end_headers(); return
                path = os.path.join(folder, '%04d.json' % seen[0])
                open(path + '.part', 'wb').write(body)
                os.rename(path + '.part', path)
                self.send_response(204); self.end_headers()

        server = HTTPServer(('127.0.0.1', 0), Receiver)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """
}
