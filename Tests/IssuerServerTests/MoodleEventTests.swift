import CanonicalJSON
import Ed25519
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

@Suite("POST /api/v1/events/moodle: Moodle's course_completed")
struct MoodleEventTests {
    /// The event data of `\core\event\course_completed` as Moodle's observer sees it (ids as
    /// Moodle's web services send them, some as strings), with the learner added.
    static func payload(user: Int = 17, time: Int = 1_795_424_400, extra: String = "") -> String {
        """
        {"eventname":"\\\\core\\\\event\\\\course_completed","component":"core","action":"completed","target":"course",
         "objecttable":"course_completions","objectid":88,"crud":"u","edulevel":2,"contextid":301,"contextlevel":50,
         "contextinstanceid":"12","userid":2,"courseid":12,"relateduserid":\(user),"anonymous":0,
         "other":{"relateduserid":"\(user)"},"timecreated":\(time),
         "user":{"email":"zoe@example.org","firstname":"Zoë","lastname":"Åkesson"}\(extra)}
        """
    }

    static let simpleProgram = Program(
        id: "moodle-basics", achievement: Achievement(name: "Moodle Basics", description: "Finished the course.", criteria: "Complete it."))

    static func post(
        _ client: some TestClientProtocol, _ body: String, token: String?, query: String = "?program=moodle-basics",
        signature: String? = nil
    ) async throws -> TestResponse {
        var headers = ServerFixture.bearer(token)
        if let signature { headers[HTTPField.Name("X-Attest-Signature")!] = signature }
        return try await client.execute(
            uri: "/api/v1/events/moodle\(query)", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test func aCourseCompletionIssuesAndAReplayAnswersTheSame() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        try await fixture.store.write { try $0.saveProgram(Self.simpleProgram) }
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let first = try await Self.post(client, Self.payload(), token: tokens["lms"])
            #expect(first.status == .accepted)
            let answer = try JSONValue.parse(first.text)
            #expect(answer["eventId"]?.stringValue == "moodle:12:17:1795424400")
            #expect(answer["state"]?.stringValue == "issued")
            #expect(answer["program"]?.stringValue == "moodle-basics")
            let replay = try await Self.post(client, Self.payload(), token: tokens["lms"])
            #expect(replay.status == .accepted)
            #expect(replay.text == first.text)
            // A log id, when sent, is the event id.
            let logged = try await Self.post(client, Self.payload(user: 18, extra: #","id":"5501""#), token: tokens["lms"])
            #expect(try JSONValue.parse(logged.text)["eventId"]?.stringValue == "moodle:log:5501")
            #expect(try await Self.post(client, Self.payload(), token: tokens["viewer"]).status == .forbidden)
        }
        let learner = try await fixture.store.read { try $0.learner(externalID: "moodle-user-17") }
        #expect(learner?.legalName == "Zoë Åkesson")
        let completion = try await fixture.store.read { try $0.completions(state: .issued).first }
        #expect(completion?.event.completedAt == Date(timeIntervalSince1970: 1_795_424_400))
    }

    @Test func signedKeysMustSignMoodleEventsToo() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        try await fixture.store.write { try $0.saveProgram(Self.simpleProgram) }
        let tokens = try await fixture.makeKeys()
        let body = Self.payload(extra: #","program":"moodle-basics""#)
        try await fixture.test { client in
            let unsigned = try await Self.post(client, body, token: tokens["signed-lms"], query: "")
            #expect(unsigned.status == .unauthorized)
            #expect(try JSONValue.parse(unsigned.text)["code"]?.stringValue == "signatureMissing")
            let stale = TestSignature.header(for: body, secret: ServerFixture.hmacSecret, time: fixture.clock.now.addingTimeInterval(-600))
            #expect(try await Self.post(client, body, token: tokens["signed-lms"], query: "", signature: stale).status == .unauthorized)
            let fresh = TestSignature.header(for: body, secret: ServerFixture.hmacSecret, time: fixture.clock.now)
            let signed = try await Self.post(client, body, token: tokens["signed-lms"], query: "", signature: fresh)
            #expect(signed.status == .accepted)
            #expect(try JSONValue.parse(signed.text)["source"]?.stringValue == "signed-lms")
        }
    }

    @Test(arguments: [
        (payload().replacingOccurrences(of: "course_completed", with: "course_viewed"), "unsupportedEvent"),
        (payload().replacingOccurrences(of: #""action":"completed""#, with: #""action":"viewed""#), "unsupportedEvent"),
        (payload().replacingOccurrences(of: #""user":{"email":"zoe@example.org","#, with: #""user":{"#), "invalidEvent"),
        (payload().replacingOccurrences(of: #""other":{"relateduserid":"17"}"#, with: #""other":{"relateduserid":"99"}"#), "invalidEvent"),
        (payload(time: -5), "invalidEvent"),
        (payload(time: 253_402_300_800), "invalidEvent"),
        (payload().replacingOccurrences(of: #""courseid":12"#, with: #""courseid":"12; DROP""#), "invalidEvent"),
        (payload(extra: #","program":"No Such""#), "invalidEvent"),
        (payload().replacingOccurrences(of: #""lastname":"#, with: #""lastname":7,"x":"#), "invalidEvent"),
        ("[]", "invalidEvent"),
        ("{\"eventname\":", "invalidEvent"),
    ])
    func badEventsAreRefusedWithAProblem(body: String, code: String) async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        try await fixture.store.write { try $0.saveProgram(Self.simpleProgram) }
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let response = try await Self.post(client, body, token: tokens["lms"])
            #expect(response.status == .unprocessableContent)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(try JSONValue.parse(response.text)["code"]?.stringValue == code)
        }
        #expect(try await fixture.store.read { try $0.completions(state: nil).count } == 0)
    }

    @Test(
        "a Moodle event with a bad address, a blank name or a program that does not exist is kept (202), never refused",
        arguments: [
            (payload().replacingOccurrences(of: "zoe@example.org", with: "not-an-address"), "invalidLearner"),
            (payload().replacingOccurrences(of: #""firstname":"Zoë""#, with: #""firstname":" ""#)
                .replacingOccurrences(of: #""lastname":"Åkesson""#, with: #""lastname":"""#), "invalidLearner"),
            (payload(extra: #","program":"nosuch""#), "unknownProgram"),
        ])
    func undecidableEventsAreKept(body: String, state: String) async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        try await fixture.store.write { try $0.saveProgram(Self.simpleProgram) }
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let response = try await Self.post(client, body, token: tokens["lms"])
            #expect(response.status == .accepted)
            let answer = try JSONValue.parse(response.text)
            #expect(answer["state"]?.stringValue == state, "\(response.text)")
            #expect(answer["keptId"]?.stringValue?.hasPrefix("prk-") == true)
            #expect(try await Self.post(client, body, token: tokens["lms"]).text == response.text)
        }
        #expect(try await fixture.store.read { try $0.completions(state: nil).count } == 0)
        #expect(try await fixture.store.read { try $0.parkedEventCounts() } == [ParkedState(rawValue: state)!: 1])
    }

    @Test func aMissingProgramAndWrongContentTypeAreRefused() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            // No program and no program mapping moodle:COURSEID: kept unmapped (configuration drift), never refused.
            let noProgram = try await Self.post(client, Self.payload(), token: tokens["lms"], query: "")
            #expect(noProgram.status == .accepted)
            #expect(try JSONValue.parse(noProgram.text)["state"]?.stringValue == "unmapped")
            var form = ServerFixture.bearer(tokens["lms"], json: false)
            form[.contentType] = "application/x-www-form-urlencoded"
            let wrongType = try await client.execute(
                uri: "/api/v1/events/moodle?program=moodle-basics", method: .post, headers: form, body: ByteBuffer(string: "a=b"))
            #expect(wrongType.status == .unsupportedMediaType)
        }
    }
}

/// `X-Attest-Signature` as an LMS computes it.
enum TestSignature {
    /// The header for a text body.
    static func header(for body: String, secret: String, time: Date) -> String {
        let timestamp = Int(time.timeIntervalSince1970)
        let mac = HMAC.sha256(key: Array(secret.utf8), message: Array("\(timestamp).\(body)".utf8))
        return "t=\(timestamp),v1=" + mac.map { String(format: "%02x", $0) }.joined()
    }
}
