import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerServer
import Synchronization
import Testing

/// Scrapes a live server (a real socket on 127.0.0.1) after real intake, page views and a
/// revocation, and checks each series against the count worked out by hand.
@Suite("/metrics: stable names, route templates, hand-counted values")
struct MetricsExpositionTests {
    /// Every sample of an exposition, by its series (name and labels as printed).
    static func samples(_ exposition: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in exposition.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    @Test func countersAndHistogramsMoveAsCountedByHand() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        // The events say the learners completed at 09:00; the server takes them in at 11:00.
        fixture.clock.advance(by: 7_200)
        let scrapes = Mutex<(before: String, after: String)>(("", ""))
        try await ServerFixture.live(fixture.server) { client, _ in
            var issuedID = ""
            var heldID = ""
            // issue, replay (no decision), score 81 near the minimum 80 (review), score 10 (reject)
            for (id, score) in [("e1", 92), ("e1", 92), ("e2", 81), ("e3", 10)] {
                let answer = try await client.execute(
                    uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(tokens["lms"]),
                    body: ByteBuffer(string: ServerFixture.eventJSON(id: id, learner: "u-\(id)", score: score)))
                if id == "e1" { issuedID = try #require(try JSONValue.parse(answer.text)["credentialId"]?.stringValue) }
                if id == "e2" { heldID = try #require(try JSONValue.parse(answer.text)["completionId"]?.stringValue) }
            }
            #expect(try await client.execute(uri: "/c/\(issuedID)", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/c/\(issuedID)", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/c/NOSUCHCREDENTIAL", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/no/such/route/\(issuedID)", method: .get).status == .notFound)
            let revoked = try await client.execute(
                uri: "/api/v1/credentials/\(issuedID)/revoke", method: .post, headers: ServerFixture.bearer(tokens["issuer"]),
                body: ByteBuffer(string: #"{"reason":"test"}"#))
            #expect(revoked.status == .ok)
            let before = try await client.execute(uri: "/metrics", method: .get, headers: ServerFixture.metricsAuthorization)
            // A day later a reviewer approves e2: 7,200 + 86,400 s after its completion.
            fixture.clock.advance(by: 86_400)
            let approved = try await client.execute(
                uri: "/api/v1/reviews/\(heldID)/approve", method: .post, headers: ServerFixture.bearer(tokens["issuer"]),
                body: ByteBuffer(string: #"{"note":"score confirmed"}"#))
            #expect(approved.status == .ok)
            let scraped = try await client.execute(uri: "/metrics", method: .get, headers: ServerFixture.metricsAuthorization)
            #expect(!scraped.text.contains(issuedID) && !scraped.text.contains(heldID), "an id made a series")
            scrapes.withLock { $0 = (before.text, scraped.text) }
        }
        let (queueBeforeApproval, exposition) = scrapes.withLock { $0 }
        #expect(Self.samples(queueBeforeApproval)["attest_review_queue_depth"] == 1, "\(queueBeforeApproval)")
        let samples = Self.samples(exposition)
        let expected: [String: Double] = [
            #"attest_decisions_total{outcome="issue"}"#: 1, #"attest_decisions_total{outcome="review"}"#: 1,
            #"attest_decisions_total{outcome="reject"}"#: 1, "attest_escalations_total": 1,
            #"attest_decision_reasons_total{outcome="review",reason="score_near_minimum"}"#: 1,
            #"attest_decision_reasons_total{outcome="reject",reason="minimum_score"}"#: 1,
            // e1 at 7,200 s (above the 3,600 bucket, inside 14,400); e2 approved at 93,600 s (inside 259,200).
            #"attest_time_to_credential_seconds_bucket{le="3600.0"}"#: 0,
            #"attest_time_to_credential_seconds_bucket{le="14400.0"}"#: 1,
            #"attest_time_to_credential_seconds_bucket{le="86400.0"}"#: 1,
            #"attest_time_to_credential_seconds_bucket{le="259200.0"}"#: 2, "attest_time_to_credential_seconds_sum": 100_800,
            "attest_time_to_credential_seconds_count": 2, "attest_issuance_duration_seconds_count": 1,
            #"attest_status_list_updates_total{reason="revoke"}"#: 1, "attest_review_queue_depth": 0,
            #"attest_http_requests_total{route="/c/{id}",method="GET",status="200"}"#: 2,
            #"attest_http_requests_total{route="/c/{id}",method="GET",status="404"}"#: 1,
            #"attest_http_requests_total{route="NotFound",method="GET",status="404"}"#: 1,
            #"attest_http_requests_total{route="/api/v1/events",method="POST",status="202"}"#: 4,
            #"attest_http_request_duration_seconds_count{route="/c/{id}",method="GET"}"#: 3,
        ]
        for (series, value) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(samples[series] == value, "\(series)\n\(exposition)")
        }
        #expect(samples.keys.filter { $0.hasPrefix("attest_issuance_errors_total") }.allSatisfy { samples[$0] == 0 })
    }

    /// Every metric the server exported in the test above is in Spec/metrics.md's tables with its
    /// type, and every metric the Grafana dashboard queries is one of them.
    @Test func specListsEveryExportedMetric() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let exposition = try await fixture.test { client -> String in
            for (id, score) in [("e1", 92), ("e2", 81)] {
                _ = try await client.execute(
                    uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(tokens["lms"]),
                    body: ByteBuffer(string: ServerFixture.eventJSON(id: id, learner: "u-\(id)", score: score)))
            }
            return try await client.execute(uri: "/metrics", method: .get, headers: ServerFixture.metricsAuthorization).text
        }
        let spec = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Spec")
        let tables = try String(contentsOf: spec.appendingPathComponent("metrics.md"), encoding: .utf8)
        let types = exposition.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ") }
        #expect(types.count >= 10)
        for type in types {
            #expect(tables.contains("| `\(type[2])` | \(type[3]) |"), "Spec/metrics.md lacks \(type[2]) (\(type[3]))")
        }
        let dashboard = try String(contentsOf: spec.appendingPathComponent("grafana-dashboard.json"), encoding: .utf8)
        let queried = Set(
            dashboard.matches(of: /attest_[a-z_]+/).map { String($0.output) }
                .map { $0.hasSuffix("_bucket") ? String($0.dropLast("_bucket".count)) : $0 })
        #expect(!queried.isEmpty)
        for name in queried.sorted() { #expect(tables.contains("| `\(name)` |"), "the dashboard queries \(name), not in Spec/metrics.md") }
    }
}
