import Foundation
import Testing

/// `/metrics` of the real `attest serve`: on its own listener (`--metrics-bind`), behind the token
/// (`--metrics-token-file`), and counting the outbox worker's real attempts against a real SMTP peer.
@Suite("attest serve: /metrics listener, token and delivery counts")
struct MetricsListenerTests {
    /// The value of one sample line of an exposition, e.g. `NAME{LABELS} 2`.
    static func sample(_ series: String, in metrics: String) -> Double? {
        metrics.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.dropFirst(series.count + 1)) }
    }

    @Test("--metrics-bind: the separate listener answers /metrics, the public one no longer does")
    func separateListenerServesMetrics() async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let port = try LoopbackPort.unused()
        let server = try RunningServer(workspace, arguments: ["--metrics-bind", "127.0.0.1:\(port)"])
        #expect(server.process.output.contains("http://127.0.0.1:\(port)/metrics (no token)"), "\(server.process.output)")
        let separate = try await HTTPExchange.send("GET", "http://127.0.0.1:\(port)/metrics")
        #expect(separate.status == 200)
        #expect(Self.sample(#"attest_outbox_messages{state="pending"}"#, in: separate.text) == 0, "\(separate.text)")
        #expect(try await HTTPExchange.send("GET", "\(server.address)/metrics").status == 404)
        #expect(try await HTTPExchange.send("GET", "\(server.address)/health").status == 200)
        // The metrics listener serves nothing else.
        #expect(try await HTTPExchange.send("GET", "http://127.0.0.1:\(port)/health").status == 404)
        #expect(server.stop().status == 0)
    }

    @Test("--metrics-bind with --metrics-token-file: a missing or wrong token is 401 on the metrics listener")
    func separateListenerAsksForTheToken() async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let token = "metrics-token-from-a-file-0123456789"
        let file = workspace.folder.appendingPathComponent("metrics-token")
        try Data((token + "\n").utf8).write(to: file)
        let port = try LoopbackPort.unused()
        let server = try RunningServer(
            workspace, arguments: ["--metrics-bind", "127.0.0.1:\(port)", "--metrics-token-file", file.path])
        let url = "http://127.0.0.1:\(port)/metrics"
        #expect(try await HTTPExchange.send("GET", url).status == 401)
        #expect(try await HTTPExchange.send("GET", url, headers: ["Authorization": "Bearer \(token)x"]).status == 401)
        #expect(try await HTTPExchange.send("GET", url, headers: ["Authorization": "Bearer \(token)"]).status == 200)
        // The right token does not open /metrics on the public listener.
        let public_ = try await HTTPExchange.send("GET", "\(server.address)/metrics", headers: ["Authorization": "Bearer \(token)"])
        #expect(public_.status == 404)
        #expect(server.stop().status == 0)
    }

    @Test("one event through the API, its email through a real SMTP peer: decisions, time to credential and a sent delivery")
    func realIssuanceAndDeliveryMoveTheCounters() async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let lms = try ServeCommandTests.createKey(workspace, role: "lms", name: "moodle")
        let sink = try MessageIDSink(folder: workspace.folder)
        let port = try LoopbackPort.unused()
        let server = try RunningServer(workspace, arguments: ["--smtp-url", sink.url(0), "--metrics-bind", "127.0.0.1:\(port)"])
        let posted = try await HTTPExchange.send(
            "POST", "\(server.address)/api/v1/events", headers: ServeCommandTests.bearer(lms), body: try ServeCommandTests.event())
        #expect(posted.status == 202, "\(posted.text)")
        let sent = #"attest_deliveries_total{channel="email",result="sent"}"#
        var metrics = ""
        let deadline = Date().addingTimeInterval(60)
        repeat {
            try await Task.sleep(for: .milliseconds(200))
            metrics = try await HTTPExchange.send("GET", "http://127.0.0.1:\(port)/metrics").text
        } while Self.sample(sent, in: metrics) == nil && Date() < deadline
        // One event, one issue decision, one credential, one email sent at the first attempt.
        #expect(Self.sample(sent, in: metrics) == 1, "\(metrics)")
        #expect(Self.sample(#"attest_deliveries_total{channel="email",result="retry"}"#, in: metrics) == nil, "\(metrics)")
        #expect(Self.sample(#"attest_decisions_total{outcome="issue"}"#, in: metrics) == 1, "\(metrics)")
        #expect(Self.sample("attest_time_to_credential_seconds_count", in: metrics) == 1, "\(metrics)")
        #expect(Self.sample(#"attest_outbox_messages{state="pending"}"#, in: metrics) == 0, "\(metrics)")
        #expect(
            Self.sample(#"attest_http_requests_total{route="/api/v1/events",method="POST",status="202"}"#, in: metrics) == 1,
            "\(metrics)")
        #expect(sink.messageIDs().count == 1)
        #expect(server.stop().status == 0)
    }
}
