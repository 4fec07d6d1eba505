import CanonicalJSON
import Ed25519
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

@Suite("POST /api/v1/events: authentication, signatures, replays, bad input")
struct APIIntakeTests {
    @Test func anLMSKeyPostsAnEventAndAReplayAnswersTheSame() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let body = ServerFixture.eventJSON()
        let (first, second) = try await fixture.test { client in
            let first = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(tokens["lms"]), body: ByteBuffer(string: body))
            let second = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(tokens["lms"]), body: ByteBuffer(string: body))
            return (first, second)
        }
        #expect(first.status == .accepted)
        #expect(second.status == .accepted)
        #expect(first.text == second.text)
        let answer = try JSONValue.parse(first.text)
        #expect(answer["state"]?.stringValue == "issued")
        #expect(answer["source"]?.stringValue == "lms")
        let credentialID = try #require(answer["credentialId"]?.stringValue)
        let stored = try await fixture.store.read { (try $0.completions(state: nil).count, try $0.credential(id: credentialID)?.state) }
        #expect(stored.0 == 1)
        #expect(stored.1 == .active)
    }

    @Test func theExampleEventIsAccepted() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Spec/examples/completion-event.json")
        let body = try Data(contentsOf: example)
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(tokens["admin"]), body: ByteBuffer(bytes: body))
            #expect(response.status == .accepted)
            #expect(try JSONValue.parse(response.text)["state"]?.stringValue == "issued")
        }
    }

    @Test func keysAndRolesAreChecked() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let body = ByteBuffer(string: ServerFixture.eventJSON())
        try await fixture.test { client in
            for token in [nil, "attest_wrong", "", String(repeating: "x", count: 600)] as [String?] {
                let response = try await client.execute(
                    uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(token), body: body)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.headers[.wwwAuthenticate] != nil)
            }
            let viewer = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(tokens["viewer"]), body: body)
            #expect(viewer.status == .forbidden)
            let lmsReads = try await client.execute(
                uri: "/api/v1/credentials", method: .get, headers: ServerFixture.bearer(tokens["lms"], json: false))
            #expect(lmsReads.status == .forbidden)
            #expect(try JSONValue.parse(lmsReads.text)["code"]?.stringValue == "forbidden")
        }
    }

    @Test func signedKeysNeedAFreshMatchingSignature() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let body = Array(ServerFixture.eventJSON().utf8)
        let now = Int(fixture.clock.now.timeIntervalSince1970)
        func signature(_ time: Int, secret: String = ServerFixture.hmacSecret, over signed: [UInt8] = body) -> String {
            "t=\(time),v1="
                + HMAC.sha256(key: Array(secret.utf8), message: Array("\(time).".utf8) + signed).map { String(format: "%02x", $0) }.joined()
        }
        let cases: [(String?, HTTPResponse.Status, String?)] = [
            (nil, .unauthorized, "signatureMissing"),
            ("t=\(now),v1=zz", .unauthorized, "signatureInvalid"),
            (signature(now, secret: "another-secret-entirely"), .unauthorized, "signatureInvalid"),
            (signature(now, over: Array("{}".utf8)), .unauthorized, "signatureInvalid"),
            (signature(now - 301), .unauthorized, "signatureExpired"),
            (signature(now + 400), .unauthorized, "signatureExpired"),
            (signature(now - 120), .accepted, nil),
        ]
        try await fixture.test { client in
            for (header, status, code) in cases {
                var headers = ServerFixture.bearer(tokens["signed-lms"])
                if let header { headers[HTTPField.Name("X-Attest-Signature")!] = header }
                let response = try await client.execute(
                    uri: "/api/v1/events", method: .post, headers: headers, body: ByteBuffer(bytes: body))
                #expect(response.status == status, "\(header ?? "no header")")
                if let code { #expect(try JSONValue.parse(response.text)["code"]?.stringValue == code) }
            }
        }
        #expect(try await fixture.store.read { try $0.completions(state: nil).count } == 1)
    }

    @Test(arguments: [
        ("not json", HTTPResponse.Status.unprocessableContent),
        ("[]", .unprocessableContent),
        (#"{"eventId":"e"}"#, .unprocessableContent),
        (ServerFixture.eventJSON().replacingOccurrences(of: "\"score\"", with: "\"grade\""), .unprocessableContent),
        (
            ServerFixture.eventJSON().replacingOccurrences(of: "2026-11-23T09:00:00Z\",\"score", with: "yesterday\",\"score"),
            .unprocessableContent
        ),
        (ServerFixture.eventJSON().replacingOccurrences(of: "working-at-height-2", with: "No Such Program"), .unprocessableContent),
        (String(repeating: "[", count: 5000), .unprocessableContent),
    ])
    func badEventsAreClientErrors(body: String, status: HTTPResponse.Status) async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(tokens["lms"]), body: ByteBuffer(string: body))
            #expect(response.status == status)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test(
        "an event with invalid learner data or naming a program that does not exist is kept (202), never a 4xx",
        arguments: [
            (ServerFixture.eventJSON().replacingOccurrences(of: "u-1@example.org", with: "u-1 at example.org"), "invalidLearner"),
            (ServerFixture.eventJSON().replacingOccurrences(of: "Zoë Åkesson", with: " "), "invalidLearner"),
            (ServerFixture.eventJSON().replacingOccurrences(of: "working-at-height-2", with: "no-such-program"), "unknownProgram"),
        ])
    func undecidableEventsAreKept(body: String, state: String) async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(tokens["lms"]), body: ByteBuffer(string: body))
            #expect(response.status == .accepted)
            let answer = try JSONValue.parse(response.text)
            #expect(answer["state"]?.stringValue == state, "\(response.text)")
            #expect(answer["reasons"]?.arrayValue?.count == 1)
        }
        #expect(try await fixture.store.read { try $0.completions(state: nil).isEmpty })
        #expect(try await fixture.store.read { try $0.parkedEventCounts() } == [ParkedState(rawValue: state)!: 1])
    }

    @Test func wrongContentTypeAndHugeBodiesAreRefused() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            var headers = ServerFixture.bearer(tokens["lms"], json: false)
            headers[.contentType] = "text/plain"
            let wrongType = try await client.execute(uri: "/api/v1/events", method: .post, headers: headers, body: ByteBuffer(string: "{}"))
            #expect(wrongType.status == .unsupportedMediaType)
            let huge = ByteBuffer(repeating: UInt8(ascii: " "), count: 300 * 1024)
            let tooLarge = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(tokens["lms"]), body: huge)
            #expect(tooLarge.status == .contentTooLarge)
        }
    }
}

@Suite("GET /metrics")
struct MetricsTests {
    @Test func countsIntakeOutcomesAndChanges() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            for (id, score) in [("e1", 92), ("e1", 92), ("e2", 81), ("e3", 10)] {
                _ = try await client.execute(
                    uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(tokens["lms"]),
                    body: ByteBuffer(string: ServerFixture.eventJSON(id: id, learner: "u-\(id)", score: score)))
            }
            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: ServerFixture.metricsAuthorization)
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            for line in [
                #"attest_completions_total{outcome="issued"} 1"#, #"attest_completions_total{outcome="duplicate"} 1"#,
                #"attest_completions_total{outcome="held"} 1"#, #"attest_completions_total{outcome="rejected"} 1"#,
                "attest_issuance_duration_seconds_count 1",
            ] {
                #expect(metrics.text.contains(line), "\(line)")
            }
        }
    }
}
