import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

/// Issue 19 points 1 and 2 over the admin API: only an admin sets the mode; an event of a program
/// in shadow mode is answered with the rules' decision and issues nothing; the agreement report
/// takes a bounded text/csv body; the check list is read and worked by issuers.
@Suite("Admin API: rollout modes, checks and the agreement report")
struct RolloutRoutesTests {
    @Test func shadowModeOverTheAPIIssuesNothingAndTheReportCompares() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            func put(_ body: String, _ token: String?) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/programs/working-at-height-2/rollout", method: .put, headers: ServerFixture.bearer(token),
                    body: ByteBuffer(string: body))
            }
            #expect(try await put(#"{"mode":"shadow"}"#, tokens["issuer"]).status == .forbidden)
            #expect(try await put(#"{"mode":"sideways"}"#, tokens["admin"]).status == .badRequest)
            #expect(try await put(#"{"mode":"monitored","sample":"150%"}"#, tokens["admin"]).status == .badRequest)
            #expect(try await put(#"{"mode":"shadow","issueShadowed":true}"#, tokens["admin"]).status == .badRequest)
            let set = try await put(#"{"mode":"shadow"}"#, tokens["admin"])
            #expect(set.status == .ok, "\(set.text)")
            #expect(try JSONValue.parse(set.text)["mode"]?.stringValue == "shadow")
            #expect(try JSONValue.parse(set.text)["changedBy"]?.stringValue == "api:admin")

            for (id, learner, score) in [("e-1", "u-1", 92), ("e-2", "u-2", 50)] {
                let posted = try await client.execute(
                    uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(tokens["issuer"]),
                    body: ByteBuffer(string: ServerFixture.eventJSON(id: id, learner: learner, score: score)))
                #expect(posted.status == .accepted, "\(posted.text)")
                let answer = try JSONValue.parse(posted.text)
                #expect(answer["state"]?.stringValue == "shadowed")
                #expect(answer["decision"]?.stringValue == (score >= 80 ? "issue" : "reject"))
            }
            let counts = try await fixture.store.read { reading in
                (try reading.credentialSummaries(filter: CredentialFilter()).count, try reading.completions(state: nil).count)
            }
            #expect(counts.0 == 0 && counts.1 == 0)

            func compare(_ csv: String, contentType: String = "text/csv", token: String? = nil) async throws -> TestResponse {
                var headers = ServerFixture.bearer(token ?? tokens["issuer"], json: false)
                headers[.contentType] = contentType
                return try await client.execute(
                    uri: "/api/v1/programs/working-at-height-2/rollout/compare", method: .post, headers: headers,
                    body: ByteBuffer(string: csv))
            }
            let report = try await compare("u-1,reject,not on the register\nu-2@example.org,reject\n")
            #expect(report.status == .ok, "\(report.text)")
            let json = try JSONValue.parse(report.text)
            #expect(json["compared"]?.numberValue == 2)
            #expect(json["falsePositives"]?.numberValue == 1)
            #expect(json["falseNegatives"]?.numberValue == 0)
            #expect(json["pass"] == .bool(false))
            #expect(try await compare("u-1,issue\n", contentType: "application/json").status == .unsupportedMediaType)
            #expect(try await compare("u-1,issue\n", token: tokens["viewer"]).status == .forbidden)
            #expect(try await compare("u-1,maybe\n").status == .unprocessableContent)
            let tooLarge = String(repeating: "u-1,issue\n", count: ManualDecisionCSV.maximumBytes / 10 + 1)
            #expect(try await compare(tooLarge).status == .contentTooLarge)
        }
    }

    @Test func assistedChecksAreListedAndWorkedByIssuers() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        try await RolloutChanges(environment: fixture.environment, actor: "cli").setMode(
            programID: "working-at-height-2", mode: .assisted, firstCount: 1)
        let first = try await fixture.issue()
        _ = try await fixture.issue(id: "evt-2", learner: "u-2", name: "Ana Souza")
        try await fixture.test { client in
            let listed = try await client.execute(
                uri: "/api/v1/rollout/checks", method: .get, headers: ServerFixture.bearer(tokens["viewer"], json: false))
            #expect(listed.status == .ok)
            let checks = try JSONValue.parse(listed.text)["checks"]?.asArray ?? []
            #expect(checks.map { $0["credentialId"]?.stringValue } == [first.id])
            func decide(_ action: String, _ body: String, _ token: String?) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/rollout/checks/\(first.id)/\(action)", method: .post, headers: ServerFixture.bearer(token),
                    body: ByteBuffer(string: body))
            }
            #expect(try await decide("revoke", #"{"reason":"wrong cohort"}"#, tokens["viewer"]).status == .forbidden)
            #expect(try await decide("revoke", "{}", tokens["issuer"]).status == .badRequest)
            let revoked = try await decide("revoke", #"{"reason":"wrong cohort"}"#, tokens["issuer"])
            #expect(revoked.status == .ok, "\(revoked.text)")
            #expect(try JSONValue.parse(revoked.text)["state"]?.stringValue == "revoked")
            #expect(try await decide("confirm", "{}", tokens["issuer"]).status == .conflict)
        }
        let state = try await fixture.store.read { try $0.credential(id: first.id)?.state }
        #expect(state == .revoked)
    }
}
