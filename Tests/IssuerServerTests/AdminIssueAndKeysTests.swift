import CanonicalJSON
import Ed25519
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing
import VerifiableCredentials

@Suite("Admin API: issuing and signing keys")
struct AdminIssueAndKeysTests {
    @Test func issuersIssueLikeTheCommandLine() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        // No eventId and no completedAt: they default as with attest issue.
        let body = """
            {"program":"working-at-height-2","learner":{"id":"u-9","email":"u-9@example.org","legalName":"Kai Müller"},"score":95,"minutes":200,
             "modules":[{"id":"ladders"},{"id":"scaffolds"},{"id":"harness"}]}
            """
        try await fixture.test { client in
            func post(_ token: String?, _ text: String = body) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/credentials", method: .post, headers: ServerFixture.bearer(token), body: ByteBuffer(string: text))
            }
            #expect(try await post(tokens["lms"]).status == .forbidden)
            #expect(try await post(tokens["viewer"]).status == .forbidden)
            let issued = try await post(tokens["issuer"])
            #expect(issued.status == .created)
            let answer = try JSONValue.parse(issued.text)
            #expect(answer["eventId"]?.stringValue == "working-at-height-2/u-9")
            #expect(answer["source"]?.stringValue == "api:issuer")
            let id = try #require(answer["credentialId"]?.stringValue)
            #expect(issued.headers[.location] == "/api/v1/credentials/\(id)")
            let again = try await post(tokens["issuer"])
            #expect(again.status == .ok)
            #expect(again.text == issued.text)
            let unknown = try await post(tokens["admin"], body.replacingOccurrences(of: "working-at-height-2", with: "nosuch"))
            #expect(unknown.status == .unprocessableContent)
            #expect(try JSONValue.parse(unknown.text)["code"]?.stringValue == "unknownProgram")
            let extra = try await post(tokens["admin"], body.replacingOccurrences(of: #""score":95"#, with: #""score":95,"bonus":1"#))
            #expect(extra.status == .unprocessableContent)
            #expect(try await post(tokens["admin"], "[]").status == .badRequest)
        }
        let stored = try await fixture.store.read { try $0.credentials(filter: CredentialFilter(states: [.active])).count }
        #expect(stored == 1)
    }

    @Test func adminsRotateKeysAndNewCredentialsUseTheNewKey() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let (server, keys) = try fixture.serverWithKeyStore()
        let app = Application(router: server.router())
        try await app.test(.router) { client in
            #expect(
                try await client.execute(uri: "/api/v1/keys/rotate", method: .post, headers: ServerFixture.bearer(tokens["issuer"])).status
                    == .forbidden)
            let rotated = try await client.execute(
                uri: "/api/v1/keys/rotate", method: .post, headers: ServerFixture.bearer(tokens["admin"]))
            #expect(rotated.status == .created)
            #expect(try JSONValue.parse(rotated.text)["id"]?.stringValue == "key-2")
            let listed = try await client.execute(
                uri: "/api/v1/keys", method: .get, headers: ServerFixture.bearer(tokens["viewer"], json: false))
            let states = try JSONValue.parse(listed.text)["keys"]?.asArray.map {
                "\($0["id"]?.stringValue ?? "")=\($0["state"]?.stringValue ?? "")"
            }
            #expect(states == ["key-1=retired", "key-2=active"])
            let did = try await client.execute(uri: "/.well-known/did.json", method: .get)
            #expect(try JSONValue.parse(did.text)["verificationMethod"]?.asArray.count == 2)
        }
        #expect(keys.keyIDs == ["key-1", "key-2"])
        var environment = fixture.environment
        environment.keys = keys
        let pipeline = IssuancePipeline(environment: environment, actor: "test")
        guard case .issued(_, let id) = try await pipeline.intake(ServerFixture.event()) else { Issue.record("not issued"); return }
        let record = try await pipeline.finish(credentialID: id)
        let credential = try JSONValue.parse(bytes: Array(try #require(record.credentialJSON)))
        #expect(credential["proof"]?.arrayValue?.first?["verificationMethod"]?.stringValue == "\(fixture.issuer.did)#key-2")
    }

    @Test func withoutAKeyStoreRotationIsRefused() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/api/v1/keys/rotate", method: .post, headers: ServerFixture.bearer(tokens["admin"]))
            #expect(response.status == .conflict)
            #expect(try JSONValue.parse(response.text)["code"]?.stringValue == "keyRotationUnavailable")
        }
        #expect(try await fixture.store.read { try $0.signingKeys().count } == 1)
    }
}
