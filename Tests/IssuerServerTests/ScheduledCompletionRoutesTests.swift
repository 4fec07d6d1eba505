import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

/// Issue 19 point 6 over the admin API: a completion of a program with an issuance delay shows its
/// `scheduledIssuance`, and `POST /api/v1/completions/{id}/withdraw|hold` act on it once.
@Suite struct ScheduledCompletionRoutesTests {
    static func delayedProgram() -> Program {
        var program = ServerFixture.program
        program.version = 2
        program.issuanceDelay = ISODuration("PT48H")
        return program
    }

    @Test func aScheduledCompletionIsShownThenWithdrawnOrHeldOnce() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        try await fixture.store.write { try $0.saveProgram(Self.delayedProgram()) }
        let pipeline = IssuancePipeline(environment: fixture.environment, actor: "test")
        let first = try await pipeline.intake(ServerFixture.event(id: "evt-1", learner: "u-1"))
        let second = try await pipeline.intake(ServerFixture.event(id: "evt-2", learner: "u-2"))
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let shown = try await client.execute(
                uri: "/api/v1/completions/\(first.completionID)", method: .get, headers: ServerFixture.bearer(tokens["viewer"]))
            #expect(shown.status == .ok)
            let scheduled = try JSONValue.parse(shown.text)["scheduledIssuance"]
            #expect(scheduled == .object(["state": "scheduled", "dueAt": "2026-11-25T09:00:00Z"]))

            let viewer = try await client.execute(
                uri: "/api/v1/completions/\(first.completionID)/withdraw", method: .post, headers: ServerFixture.bearer(tokens["viewer"]),
                body: ByteBuffer(string: #"{"reason": "duplicate account"}"#))
            #expect(viewer.status == .forbidden)

            let withdrawn = try await client.execute(
                uri: "/api/v1/completions/\(first.completionID)/withdraw", method: .post, headers: ServerFixture.bearer(tokens["admin"]),
                body: ByteBuffer(string: #"{"reason": "duplicate account"}"#))
            #expect(withdrawn.status == .ok, "\(withdrawn.text)")
            let answer = try JSONValue.parse(withdrawn.text)
            #expect(answer["state"] == .string("rejected"))
            #expect(answer["scheduledIssuance"]?["state"] == .string("cancelled"))

            let again = try await client.execute(
                uri: "/api/v1/completions/\(first.completionID)/hold", method: .post, headers: ServerFixture.bearer(tokens["admin"]),
                body: ByteBuffer(string: #"{"reason": "second thoughts"}"#))
            #expect(again.status == .conflict, "\(again.text)")

            let blank = try await client.execute(
                uri: "/api/v1/completions/\(second.completionID)/hold", method: .post, headers: ServerFixture.bearer(tokens["issuer"]),
                body: ByteBuffer(string: #"{"reason": "  "}"#))
            #expect(blank.status == .badRequest)
            let held = try await client.execute(
                uri: "/api/v1/completions/\(second.completionID)/hold", method: .post, headers: ServerFixture.bearer(tokens["issuer"]),
                body: ByteBuffer(string: #"{"reason": "score looks odd"}"#))
            #expect(held.status == .ok, "\(held.text)")
            #expect(try JSONValue.parse(held.text)["state"] == .string("held"))
        }
        fixture.clock.advance(by: 49 * 3600)
        #expect(await WorkScheduler(environment: fixture.environment, interval: .seconds(1)).tick().issuedCredentialIDs.isEmpty)
        #expect(try await fixture.store.read { try $0.credentialSummaries(filter: CredentialFilter()) }.isEmpty)
    }
}
