import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

/// `POST /api/v1/programs/{id}/reissue`: administrators only, a dry run counts, the run reissues
/// each active credential of an earlier version once, audited under the key.
@Suite("Admin API: bulk reissue of a program")
struct AdminProgramReissueTests {
    @Test func adminsReissueOnceOthersAreRefused() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let first = try await fixture.issue(id: "evt-1", learner: "u-1")
        let second = try await fixture.issue(id: "evt-2", learner: "u-2")
        var corrected = ServerFixture.program
        corrected.version = 2
        corrected.achievement.name = "Working at Height — Level 2 (corrected)"
        try await IssuerAdministration(environment: fixture.environment, actor: "test").saveProgram(corrected)
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            func post(_ body: String, _ token: String?, program: String = ServerFixture.program.id) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/programs/\(program)/reissue", method: .post, headers: ServerFixture.bearer(token),
                    body: ByteBuffer(string: body))
            }
            #expect(try await post(#"{"fromVersion":1}"#, tokens["issuer"]).status == .forbidden)
            #expect(try await post(#"{"fromVersion":1}"#, tokens["viewer"]).status == .forbidden)
            #expect(try await post(#"{"fromVersion":1}"#, tokens["admin"], program: "nosuch").status == .notFound)
            #expect(try await post(#"{"fromVersion":2}"#, tokens["admin"]).status == .badRequest)
            #expect(try await post(#"{"fromVersion":"1"}"#, tokens["admin"]).status == .badRequest)

            let dry = try await post(#"{"fromVersion":1,"dryRun":true}"#, tokens["admin"])
            #expect(dry.status == .ok)
            #expect(try JSONValue.parse(dry.text)["count"]?.numberValue == 2)
            #expect(try await fixture.store.read { try $0.credential(id: first.id)?.state } == .active)

            let run = try await post(#"{"fromVersion":1,"reason":"course renamed"}"#, tokens["admin"])
            #expect(run.status == .ok)
            let reissued = try JSONValue.parse(run.text)["reissued"]?.asArray ?? []
            #expect(reissued.compactMap { $0["credentialId"]?.stringValue } == [first.id, second.id])
            #expect(try JSONValue.parse(run.text)["toVersion"]?.numberValue == 2)

            let again = try await post(#"{"fromVersion":1}"#, tokens["admin"])
            #expect(try JSONValue.parse(again.text)["reissued"]?.asArray.isEmpty == true)
        }
        let states = try await fixture.store.read { reading in
            try [first.id, second.id].map { try reading.credential(id: $0)?.state }
        }
        #expect(states == [.superseded, .superseded])
        let audited = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 1000) }
        #expect(audited.filter { $0.kind == "credential.superseded" }.map(\.actor) == ["api:admin", "api:admin"])
    }
}
