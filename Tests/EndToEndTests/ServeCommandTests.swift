import Foundation
import Testing

/// Issue 6 with the real binary: `attest serve` on a real SQLite file and a real socket, driven
/// over HTTP and by the other `attest` commands on the same data folder, stopped with SIGTERM.
@Suite("attest serve: the real binary over HTTP")
struct ServeCommandTests {
    static let exampleEvent = IssuerWorkspace.repositoryRoot.appendingPathComponent("Spec/examples/completion-event.json")

    /// `attest api-keys create` and the token it prints on its last line. These tests post
    /// unsigned events, so an `lms` key is made with `--no-require-hmac` (signing is on by default).
    static func createKey(_ workspace: IssuerWorkspace, role: String, name: String) throws -> String {
        let created = try workspace.attest(
            ["api-keys", "create", "--role", role, "--name", name] + (role == "lms" ? ["--no-require-hmac"] : []))
        #expect(created.status == 0, "api-keys create: \(created.standardError)")
        return try #require(created.standardOutput.split(separator: "\n").last.map(String.init), "no token printed")
    }

    static func bearer(_ token: String) -> [String: String] {
        ["Authorization": "Bearer \(token)", "Content-Type": "application/json", "Accept": "application/json"]
    }

    /// The example completion event, for another learner and event id when asked.
    static func event(number: Int? = nil) throws -> Data {
        guard let number else { return try Data(contentsOf: exampleEvent) }
        var event = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: exampleEvent)) as? [String: Any])
        event["eventId"] = "sigterm-\(number)"
        event["learner"] = ["id": "sigterm-learner-\(number)", "email": "learner\(number)@example.org", "legalName": "Learner \(number)"]
        return try JSONSerialization.data(withJSONObject: event)
    }

    /// Credentials of the learner the LMS knows as `learner`.
    static func credentialCount(_ workspace: IssuerWorkspace, learner: String) throws -> Int {
        try workspace.count(
            "SELECT count(*) FROM credential JOIN learner ON learner.id = credential.learnerID WHERE learner.externalID = '\(learner)'")
    }

    @Test("intake over HTTP, the page VALID, revoked by the CLI and REVOKED within the page cache's second, SIGTERM exits 0")
    func issueRevokeAndStop() async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let lms = try Self.createKey(workspace, role: "lms", name: "moodle")
        let viewer = try Self.createKey(workspace, role: "viewer", name: "dashboard")
        let issuer = try Self.createKey(workspace, role: "issuer", name: "registrar")
        let server = try RunningServer(workspace)

        // What an operator reads: the banner on stdout, structured logs on stderr.
        #expect(server.bannerLine == "attest serves Northwind Safety Academy at \(server.address)")
        #expect(server.address.hasPrefix("http://127.0.0.1:") && server.port > 0)
        #expect(server.waitForLog("Server started and listening on 127.0.0.1:\(server.port)"), "stderr: \(server.process.errorOutput)")
        // One line per event: a timestamp, the level, the logger's label, metadata as key=value, the message.
        let startup = server.process.errorOutput.split(separator: "\n").first { $0.hasSuffix("startup work done") } ?? ""
        #expect(
            startup.contains(" info attest.server: ") && startup.contains("finishedCredentials=0"), "stderr: \(server.process.errorOutput)")
        let stamped = startup.prefix(4).allSatisfy { $0.isNumber }
        #expect(stamped, "no timestamp: \(startup)")
        #expect(!server.process.output.contains("startup work done"), "logs must not go to stdout")

        let posted = try await HTTPExchange.send(
            "POST", "\(server.address)/api/v1/events", headers: Self.bearer(lms), body: try Self.event())
        #expect(posted.status == 202, "\(posted.text)")
        #expect(try posted.json()["state"] as? String == "issued")
        // The server's own learner id (the LMS's id is `learner.id` in the event).
        let learner = try #require(try posted.json()["learnerId"] as? String)

        // The credential shows up in the API (polled: an LMS does not wait on issuance).
        var listed: [[String: Any]] = []
        for _ in 0..<100 {
            let answer = try await HTTPExchange.send(
                "GET", "\(server.address)/api/v1/credentials?learner=\(learner)", headers: Self.bearer(viewer))
            #expect(answer.status == 200, "\(answer.text)")
            listed = try answer.json()["credentials"] as? [[String: Any]] ?? []
            if !listed.isEmpty { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let id = try #require(listed.first?["id"] as? String, "no credential for \(learner)")
        #expect(listed.count == 1)
        #expect(try posted.json()["credentialId"] as? String == id)

        let page = try await HTTPExchange.send("GET", "\(server.address)/c/\(id)")
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.text.contains(">VALID</h1>") && page.text.contains("Zoë Åkesson-Nguyễn"), "\(page.text)")

        // A mistyped body is refused, never run as if the field were absent.
        let mistyped = try await HTTPExchange.send(
            "POST", "\(server.address)/api/v1/credentials/\(id)/reissue", headers: Self.bearer(issuer), body: Data(#"{"name": {}}"#.utf8))
        #expect(mistyped.status == 400, "\(mistyped.text)")
        #expect(mistyped.header("Content-Type") == "application/problem+json")
        #expect(try workspace.count("SELECT count(*) FROM credential") == 1)

        // Another process changes the same database; the running server shows it within the page cache's
        // lifetime (--page-cache-seconds, 1 s): polled with a generous deadline, never timed.
        let revoked = try workspace.attest(["revoke", id, "--reason", "issued in error"])
        #expect(revoked.status == 0, "revoke: \(revoked.standardError)")
        var after = try await HTTPExchange.send("GET", "\(server.address)/c/\(id)")
        let deadline = Date().addingTimeInterval(30)
        while !after.text.contains(">REVOKED</h1>"), Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            after = try await HTTPExchange.send("GET", "\(server.address)/c/\(id)")
        }
        #expect(after.status == 200 && after.text.contains(">REVOKED</h1>") && !after.text.contains(">VALID</h1>"), "\(after.text)")

        // A replay of the same event is answered from what is stored, never issued again.
        let replay = try await HTTPExchange.send(
            "POST", "\(server.address)/api/v1/events", headers: Self.bearer(lms), body: try Self.event())
        #expect(replay.status == 202, "\(replay.text)")
        #expect(try replay.json()["credentialId"] as? String == id)
        #expect(try workspace.count("SELECT count(*) FROM credential") == 1)

        let stopped = server.stop()
        // Drained and exited by itself (a hang would end in the kill after stop's generous deadline); no stopwatch.
        #expect(stopped.status == 0 && !stopped.wasKilled, "stderr: \(server.process.errorOutput) (after \(stopped.seconds) s)")
    }

    @Test("an SMTP server that refuses connections: the email waits for another attempt, and /metrics counts the failure")
    func deliveryFailuresShowInMetrics() async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let lms = try Self.createKey(workspace, role: "lms", name: "moodle")
        // A port nobody listens on: bound, then closed, so the connection is refused.
        let closed = try LoopbackPort.unused()
        // Many attempts: on a loaded machine the scrapes below can lag a minute behind, long enough for the
        // default 3 attempts (30 s apart, doubling) to give up, and this test is about an email still waiting.
        let server = try RunningServer(
            workspace,
            arguments: ["--smtp-url", "smtp://127.0.0.1:\(closed)", "--metrics-token", "metrics-token-for-tests", "--delivery-attempts", "50"])
        let posted = try await HTTPExchange.send("POST", "\(server.address)/api/v1/events", headers: Self.bearer(lms), body: try Self.event())
        #expect(posted.status == 202, "\(posted.text)")

        // The value of one sample line of the exposition, e.g. `NAME{LABELS} 2`.
        func sample(_ series: String, in metrics: String) -> Double? {
            metrics.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.dropFirst(series.count + 1)) }
        }
        let transient = #"attest_delivery_failures_total{channel="email",permanent="false"}"#
        var metrics = ""
        let deadline = Date().addingTimeInterval(30)
        repeat {
            try await Task.sleep(for: .milliseconds(100))
            let authorization = ["Authorization": "Bearer metrics-token-for-tests"]
            metrics = try await HTTPExchange.send("GET", "\(server.address)/metrics", headers: authorization).text
        } while sample(transient, in: metrics) == nil && Date() < deadline
        // At least one refused attempt (a slow machine may see the retry too), none given up on yet.
        #expect((sample(transient, in: metrics) ?? 0) >= 1, "\(metrics)")
        #expect(sample(#"attest_delivery_failures_total{channel="email",permanent="true"}"#, in: metrics) == nil, "\(metrics)")
        #expect(sample(#"attest_outbox_messages{state="pending"}"#, in: metrics) == 1, "\(metrics)")
        #expect(sample(#"attest_outbox_messages{state="failed"}"#, in: metrics) == 0, "\(metrics)")
        #expect(try workspace.count("SELECT count(*) FROM outboxMessage WHERE channel = 'email' AND attempts >= 1 AND lastError <> ''") == 1)
        #expect(server.stop().status == 0)
    }

    /// How the server is stopped mid-issuance: SIGTERM (drain) or SIGKILL (a power cut; the restart must finish).
    enum Stop: String, CaseIterable, CustomTestStringConvertible {
        case sigterm, sigkill
        var testDescription: String { rawValue.uppercased() }
    }

    @Test("stopped while events are being issued: each finished before exit or on restart, exactly once", arguments: Stop.allCases)
    func stopDuringIssuance(_ stop: Stop) async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let lms = try Self.createKey(workspace, role: "lms", name: "moodle")
        let server = try RunningServer(workspace)
        let events = 8
        let address = server.address

        // Eight posts at once; the signal as soon as the first completion is stored, others still in flight.
        let answers = try await withThrowingTaskGroup(of: (Int, Int?).self) { group in
            for number in 1...events {
                let body = try Self.event(number: number)
                group.addTask {
                    let answer = try? await HTTPExchange.send(
                        "POST", "\(address)/api/v1/events", headers: Self.bearer(lms), body: body)
                    return (number, answer?.status)
                }
            }
            let deadline = Date().addingTimeInterval(30)
            while try workspace.count("SELECT count(*) FROM completion") == 0 && Date() < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            if stop == .sigkill {
                server.process.kill()
            } else {
                let stopped = server.stop()
                // Drained and exited by itself; a hang ends in stop's kill after its generous deadline.
                #expect(stopped.status == 0 && !stopped.wasKilled, "stderr: \(server.process.errorOutput) (after \(stopped.seconds) s)")
            }
            return try await group.reduce(into: [Int: Int?]()) { $0[$1.0] = $1.1 }
        }
        let accepted = answers.filter { $0.value == 202 }.map(\.key)
        // A request may be refused once the server has stopped listening (or cut by SIGKILL); none may get a 5xx.
        #expect(answers.values.allSatisfy { $0 == nil || $0 == 202 }, "answers: \(answers)")

        // The restart finishes whatever was left pending, and says so in its log.
        let pendingAtStop = try workspace.count("SELECT count(*) FROM credential WHERE state = 'pending'")
        let restarted = try RunningServer(workspace, name: "restart")
        #expect(restarted.waitForLog("finishedCredentials=\(pendingAtStop) "), "\(restarted.process.errorOutput)")
        #expect(try workspace.count("SELECT count(*) FROM credential WHERE state = 'pending'") == 0)
        for number in accepted {
            #expect(try Self.credentialCount(workspace, learner: "sigterm-learner-\(number)") == 1)
        }

        // Every event posted again: each learner ends with exactly one credential, the same one.
        for number in 1...events {
            let again = try await HTTPExchange.send(
                "POST", "\(restarted.address)/api/v1/events", headers: Self.bearer(lms), body: try Self.event(number: number))
            #expect(again.status == 202, "\(again.text)")
            #expect(try again.json()["credentialId"] as? String != nil)
        }
        #expect(try workspace.count("SELECT count(*) FROM credential WHERE state = 'active'") == events)
        #expect(try workspace.count("SELECT count(DISTINCT learnerID) FROM credential") == events)
        #expect(try workspace.count("SELECT count(*) FROM completion") == events)
        #expect(restarted.stop().status == 0)
    }
}
