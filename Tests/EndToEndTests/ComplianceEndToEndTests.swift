import Foundation
import TestSupport
import Testing

/// Issue #10's "done": a real `attest serve` on a real SQLite file with the compliance scheduler
/// ticking every 0.2 s on a clock the test moves (`ATTEST_CLOCK_FILE`). A module expires → the
/// suspension bit is set in the served status list within a tick or two → the page says INVALID
/// and names the module → `attest-verify URL` says suspended → the worker completes the module →
/// VALID again, in all three places, with no new credential.
@Suite("Compliance certificates against a running attest serve", .serialized)
struct ComplianceEndToEndTests {
    static let configuration = IssuerWorkspace.repositoryRoot.appendingPathComponent("Spec/examples/training-config.json").path

    @Test("a module expiring suspends the certificate within a tick; completing it makes it VALID again")
    func expiryAndRevalidation() async throws {
        // The base URL names the port before the server starts (attest init); if another process
        // takes the port first, the whole scenario runs again on a fresh one.
        for attempt in 1... {
            do {
                return try await expiryAndRevalidation(port: try LoopbackPort.unused())
            } catch let failed as ServeProcess.ServeFailed where attempt < 5 && failed.description.contains("Address already in use") {
                continue
            }
        }
    }

    private func expiryAndRevalidation(port: Int) async throws {
        let workspace = try IssuerWorkspace()
        let base = "http://127.0.0.1:\(port)"
        // The clock starts ten minutes behind the real one, so every signed date stays in the past for attest-verify.
        let clock = workspace.path("clock")
        var now = Date().addingTimeInterval(-600).rounded()
        try Self.set(clock, to: now)
        let environment = ["ATTEST_CLOCK_FILE": clock]
        func attest(_ arguments: [String]) throws -> String {
            let result = try workspace.attest(arguments, environment: environment)
            #expect(result.status == 0, "attest \(arguments.joined(separator: " ")): \(result.standardError)")
            return result.standardOutput
        }
        _ = try attest(["init", "--name", "Northwind Construction", "--base-url", base, "--keys", workspace.keys])
        _ = try attest(["training", "add", Self.configuration])
        _ = try attest(["training", "assign", "W-1001", "--group", "site-electricians", "--email", "ana@example.org", "--name", "Ana Lima"])
        for module in ["electrical-safety", "lockout-tagout", "live-line-demo"] {
            _ = try attest(["training", "complete", "W-1001", module])
        }
        let shown =
            try JSONSerialization.jsonObject(with: Data(try attest(["training", "show", "W-1001", "--json"]).utf8)) as? [String: Any]
        let entry = try #require((shown?["configurations"] as? [[String: Any]])?.first)
        #expect(entry["status"] as? String == "VALID")
        let id = try #require((entry["credential"] as? [String: Any])?["id"] as? String, "a certificate was issued: \(entry)")
        let index = try workspace.count("SELECT suspensionIndex FROM credential WHERE id = '\(id)'")

        let server = try ServeProcess(
            arguments: ["serve", "--data", workspace.data, "--port", String(port), "--compliance-interval", "0.2"],
            environment: environment, log: workspace.path("serve.log"))
        defer { server.stop() }
        try await server.waitUntilHealthy(base)

        #expect(try Self.suspensionBit(base, index: index) == 0)
        #expect(try Self.page(base, id).contains(">VALID</h1>"))
        #expect(try Self.verify(base, id).status == 0)

        // Past the 30 s validity of the demo module: the scheduler must notice within a tick or two.
        now += 31
        try Self.set(clock, to: now)
        // Polled with a generous deadline, not timed: the scheduler ticks every 0.2 s, a loaded machine may be slower.
        let deadline = Date().addingTimeInterval(60)
        while try Self.suspensionBit(base, index: index) == 0, Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(try Self.suspensionBit(base, index: index) == 1, "the bit is set (log: \(server.log))")
        let invalid = try await Self.page(base, id, showing: ">INVALID</h1>")
        #expect(invalid.contains(">INVALID</h1>"))
        #expect(invalid.contains("Live-line awareness (demo: expires after 30 s)</td><td>EXPIRED"))
        #expect(invalid.contains("live training state as of"))
        let suspended = try Self.verify(base, id)
        #expect(suspended.status == 1, "\(suspended.standardOutput)\(suspended.standardError)")
        #expect(suspended.standardOutput.contains("suspended"))

        // The worker redoes the module (the CLI beside the running server): VALID again, same credential.
        let completed = try attest(["training", "complete", "W-1001", "live-line-demo"])
        #expect(completed.contains("certificate \(id) reinstated"), "\(completed)")
        #expect(try Self.suspensionBit(base, index: index) == 0)
        #expect(try await Self.page(base, id, showing: ">VALID</h1>").contains(">VALID</h1>"))
        #expect(try Self.verify(base, id).status == 0)
        #expect(try workspace.count("SELECT count(*) FROM credential") == 1, "revalidation never issues a new credential")
        #expect(
            try workspace.count("SELECT count(*) FROM auditEntry WHERE kind = 'credential.suspended' AND actor = 'compliance-scheduler'")
                == 1)
        #expect(try workspace.count("SELECT count(*) FROM outboxMessage WHERE event = 'compliance.invalid'") == 1)

        // The worker was emailed what is missing: every outbox row goes out (as .eml files, no SMTP set).
        server.stop()
        let delivered = try workspace.attest(["deliver"], environment: environment)
        #expect(delivered.status == 0, "\(delivered.standardOutput)\(delivered.standardError)")
        #expect(try workspace.count("SELECT count(*) FROM outboxMessage WHERE state != 'sent'") == 0)
        let outbox = URL(fileURLWithPath: workspace.path("data/outbox"))
        let emails = try FileManager.default.contentsOfDirectory(at: outbox, includingPropertiesForKeys: nil).map {
            try String(contentsOf: $0, encoding: .utf8).replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(
                of: "=\n", with: "")
        }
        #expect(emails.contains { $0.contains("is INVALID until this training is done") && $0.contains("Live-line awareness") })
    }

    @Test("the history PDF lists every completion and embeds the worker's compliance credential byte for byte")
    func historyPDF() throws {
        let workspace = try IssuerWorkspace()
        try workspace.initialize()
        func attest(_ arguments: [String]) throws -> String {
            let result = try workspace.attest(arguments)
            #expect(result.status == 0, "attest \(arguments.joined(separator: " ")): \(result.standardError)")
            return result.standardOutput
        }
        _ = try attest(["training", "add", Self.configuration])
        _ = try attest(["training", "assign", "W-7", "--group", "site-electricians", "--email", "li@example.org", "--name", "Li Wei"])
        let now = Date()
        let stamp = { (offset: TimeInterval) in ISO8601DateFormatter().string(from: now.addingTimeInterval(offset)) }
        _ = try attest(["training", "complete", "W-7", "electrical-safety", "--at", stamp(-400 * 86_400)])  // an older, expired one
        _ = try attest(["training", "complete", "W-7", "electrical-safety", "--at", stamp(-60)])
        _ = try attest(["training", "complete", "W-7", "lockout-tagout", "--at", stamp(-60)])
        let issued = try attest(["training", "complete", "W-7", "live-line-demo", "--at", stamp(-5)])
        let id = try #require(issued.split(separator: " ").first { $0.count == 8 && issued.contains("certificate \($0) issued") })
        let pdf = workspace.path("history.pdf")
        _ = try attest(["training", "history-pdf", "W-7", "--out", pdf])
        let text = try Executables.runProgram("pdftotext", ["-layout", pdf, "-"]).standardOutput
        #expect(text.contains("Training history"))
        #expect(text.components(separatedBy: "Electrical safety").count - 1 == 2, "both completions of the module: \(text)")
        let extracted = workspace.path("embedded.json")
        #expect(try Executables.runProgram("pdfdetach", ["-save", "1", "-o", extracted, pdf]).status == 0)
        let exported = try workspace.export(String(id))
        #expect(try Data(contentsOf: URL(fileURLWithPath: extracted)) == Data(contentsOf: URL(fileURLWithPath: exported)))
    }

    // MARK: helpers

    static func set(_ clock: String, to date: Date) throws {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        // Written to a temporary file and renamed, so the server never reads half a time.
        try Data(formatter.string(from: date).utf8).write(to: URL(fileURLWithPath: clock), options: .atomic)
    }

    static func page(_ base: String, _ id: String) throws -> String {
        try Executables.runProgram("curl", ["-sS", "-H", "Accept: text/html", "\(base)/c/\(id)"]).standardOutput
    }

    /// The page once it shows `text` (or at the deadline): `attest serve` reuses a rendered page for up to
    /// `--page-cache-seconds` (1 s), so a change shows within that; polled, never timed.
    static func page(_ base: String, _ id: String, showing text: String) async throws -> String {
        let deadline = Date().addingTimeInterval(30)
        var page = try Self.page(base, id)
        while !page.contains(text), Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            page = try Self.page(base, id)
        }
        return page
    }

    static func verify(_ base: String, _ id: String) throws -> Executables.Result {
        try Executables.run("attest-verify", ["--allow-local", "--no-cache", "\(base)/c/\(id)"])
    }

    /// The bit at `index` of the served, signed suspension list (decoded with Python's gzip).
    static func suspensionBit(_ base: String, index: Int) throws -> Int {
        let script = """
            import base64, gzip, json, sys, urllib.request
            document = json.load(urllib.request.urlopen(sys.argv[1]))
            encoded = document["credentialSubject"]["encodedList"][1:]
            bits = gzip.decompress(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
            index = int(sys.argv[2])
            print((bits[index // 8] >> (7 - index % 8)) & 1)
            """
        let result = try Executables.runProgram("python3", ["-c", script, "\(base)/status/suspension-1", String(index)])
        return try #require(Int(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)), "\(result.standardError)")
    }
}

/// `attest serve` in the background with its own environment (the clock file), stopped with SIGTERM.
final class ServeProcess: @unchecked Sendable {
    private let process = Subprocess()
    let logURL: URL

    init(arguments: [String], environment: [String: String], log: String) throws {
        logURL = URL(fileURLWithPath: log)
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = Executables.binDirectory.appendingPathComponent("attest")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let handle = try FileHandle(forWritingTo: logURL)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// Polls `/health`; the deadline is for a hang, not a bound a loaded machine could miss.
    func waitUntilHealthy(_ base: String) async throws {
        let deadline = Date().addingTimeInterval(180)
        while Date() < deadline {
            let result = try Executables.runProgram("curl", ["-sf", "\(base)/health"])
            if result.status == 0 { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServeFailed(description: "attest serve did not become healthy: \(log)")
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    struct ServeFailed: Error, CustomStringConvertible { let description: String }
}

extension Date {
    /// To the whole second (the clock file holds seconds).
    fileprivate func rounded() -> Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
