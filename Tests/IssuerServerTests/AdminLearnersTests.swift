import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

@Suite("Admin API: learners and completions")
struct AdminLearnersTests {
    @Test func learnersAreFoundByEmailOrExternalIDWithTheirCredentials() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let record = try await fixture.issue()
        _ = try await fixture.issue(id: "evt-2", learner: "u-2", name: "Ana Souza")
        try await fixture.test { client in
            let viewer = ServerFixture.bearer(tokens["viewer"], json: false)
            func learners(_ query: String) async throws -> [JSONValue] {
                let response = try await client.execute(uri: "/api/v1/learners\(query)", method: .get, headers: viewer)
                #expect(response.status == .ok)
                return try JSONValue.parse(response.text)["learners"]?.asArray ?? []
            }
            #expect(try await learners("").count == 2)
            #expect(try await learners("?limit=1").count == 1)
            let byEmail = try await learners("?email=U-1@Example.org")
            #expect(byEmail.count == 1)
            #expect(byEmail.first?["externalId"]?.stringValue == "u-1")
            #expect(try await learners("?externalID=u-2").first?["legalName"]?.stringValue == "Ana Souza")
            #expect(try await learners("?externalID=u-2&email=u-1@example.org").isEmpty)
            #expect(try await learners("?email=nobody@example.org").isEmpty)
            #expect(try await client.execute(uri: "/api/v1/learners?limit=5000", method: .get, headers: viewer).status == .badRequest)

            let id = try #require(byEmail.first?["id"]?.stringValue)
            let shown = try await client.execute(uri: "/api/v1/learners/\(id)", method: .get, headers: viewer)
            #expect(shown.status == .ok)
            let credentials = try JSONValue.parse(shown.text)["credentials"]?.asArray ?? []
            #expect(credentials.compactMap { $0["id"]?.stringValue } == [record.id])
            #expect(try await client.execute(uri: "/api/v1/learners/lrn-NOSUCH", method: .get, headers: viewer).status == .notFound)
            let lms = ServerFixture.bearer(tokens["lms"], json: false)
            #expect(try await client.execute(uri: "/api/v1/learners", method: .get, headers: lms).status == .forbidden)
        }
    }

    @Test func completionsAreListedByStateAndShownWithTheirEvent() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let record = try await fixture.issue()
        // 81 is within 2 points of the threshold of 80: held for review.
        _ = try await IssuancePipeline(environment: fixture.environment, actor: "test").intake(
            ServerFixture.event(id: "evt-2", learner: "u-2", score: 81))
        try await fixture.test { client in
            let viewer = ServerFixture.bearer(tokens["viewer"], json: false)
            let held = try await client.execute(uri: "/api/v1/completions?state=held", method: .get, headers: viewer)
            let items = try JSONValue.parse(held.text)["completions"]?.asArray ?? []
            #expect(items.count == 1)
            #expect(items.first?["eventId"]?.stringValue == "evt-2")
            let all = try await client.execute(uri: "/api/v1/completions", method: .get, headers: viewer)
            #expect(try JSONValue.parse(all.text)["completions"]?.asArray.count == 2)
            #expect(try await client.execute(uri: "/api/v1/completions?state=done", method: .get, headers: viewer).status == .badRequest)

            let shown = try await client.execute(uri: "/api/v1/completions/\(record.completionID)", method: .get, headers: viewer)
            let completion = try JSONValue.parse(shown.text)
            #expect(completion["credentialId"]?.stringValue == record.id)
            #expect(completion["event"]?["score"]?.numberValue == 92)
            #expect(completion["event"]?["modules"]?.asArray.count == 3)
            #expect(try await client.execute(uri: "/api/v1/completions/cmp-NOSUCH", method: .get, headers: viewer).status == .notFound)
        }
    }
}
