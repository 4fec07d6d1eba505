import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing
import VerifiableCredentials

@Suite("VC-API: /credentials/issue, /verify, /status")
struct VCAPITests {
    static func unsigned(issuer: String) -> String {
        """
        {"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:uuid:8d1c4c52-4a5e-4c1e-9d3e-1f1f5b0b7a10",
         "type":["VerifiableCredential"],"issuer":"\(issuer)","validFrom":"2026-11-01T00:00:00Z",
         "credentialSubject":{"id":"did:example:learner-7","name":"Zoë Åkesson"}}
        """
    }

    static func post(_ client: some TestClientProtocol, _ path: String, _ body: String, token: String? = nil) async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: ServerFixture.bearer(token), body: ByteBuffer(string: body))
    }

    @Test(arguments: [("eddsa-rdfc-2022", #"{}"#), ("eddsa-jcs-2022", #"{"cryptosuite":"eddsa-jcs-2022"}"#)])
    func issuedCredentialsVerifyAndTamperedOnesDoNot(suite: String, options: String) async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let body = #"{"credential":"# + Self.unsigned(issuer: fixture.issuer.did) + #","options":"# + options + "}"
            let issued = try await Self.post(client, "/credentials/issue", body, token: tokens["issuer"])
            #expect(issued.status == .created)
            let signed = try #require(try JSONValue.parse(issued.text)["verifiableCredential"])
            #expect(signed["proof"]?["cryptosuite"]?.stringValue == suite)
            #expect(signed["proof"]?["verificationMethod"]?.stringValue == "\(fixture.issuer.did)#key-1")

            let verified = try await Self.post(client, "/credentials/verify", #"{"verifiableCredential":"# + signed.serialized() + "}")
            #expect(verified.status == .ok)
            let result = try JSONValue.parse(verified.text)
            #expect(result["verified"]?.boolValue == true)
            #expect(result["checks"]?.asArray.contains("proof") == true)
            #expect(result["errors"]?.asArray.isEmpty == true)

            var tampered = try #require(signed.objectValue)
            tampered["validFrom"] = "2020-01-01T00:00:00Z"
            let refused = try await Self.post(
                client, "/credentials/verify", #"{"verifiableCredential":"# + JSONValue.object(tampered).serialized() + "}")
            #expect(refused.status == .badRequest)
            let failure = try JSONValue.parse(refused.text)
            #expect(failure["verified"]?.boolValue == false)
            #expect(failure["code"]?.stringValue == "verificationFailed")
            #expect(failure["errors"]?.asArray.contains { $0.stringValue?.hasPrefix("proof:") == true } == true)
        }
        let audited = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 10).map(\.kind) }
        #expect(audited == ["credential.signed"])
    }

    @Test func issueRefusesOtherIssuersSignedInputAndWrongKeys() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let ours = Self.unsigned(issuer: fixture.issuer.did)
        try await fixture.test { client in
            func issue(_ body: String, _ token: String? = tokens["admin"]) async throws -> (HTTPResponse.Status, String?) {
                let response = try await Self.post(client, "/credentials/issue", body, token: token)
                return (response.status, try? JSONValue.parse(response.text)["code"]?.stringValue)
            }
            #expect(try await issue(#"{"credential":"# + ours + "}", nil).0 == .unauthorized)
            #expect(try await issue(#"{"credential":"# + ours + "}", tokens["viewer"]).0 == .forbidden)
            #expect(try await issue(#"{"credential":"# + ours + "}", tokens["lms"]).0 == .forbidden)
            let other = Self.unsigned(issuer: "did:web:someone-else.example")
            #expect(try await issue(#"{"credential":"# + other + "}") == (.badRequest, "invalidCredential"))
            let noContext = ours.replacingOccurrences(of: #""@context":["https://www.w3.org/ns/credentials/v2"],"#, with: "")
            #expect(try await issue(#"{"credential":"# + noContext + "}") == (.badRequest, "invalidCredential"))
            let signed = ours.replacingOccurrences(of: #""validFrom""#, with: #""proof":{"type":"DataIntegrityProof"},"validFrom""#)
            #expect(try await issue(#"{"credential":"# + signed + "}") == (.badRequest, "invalidCredential"))
            #expect(
                try await issue(#"{"credential":"# + ours + #","options":{"cryptosuite":"ecdsa-rdfc-2019"}}"#)
                    == (.badRequest, "unsupportedCryptosuite"))
            #expect(try await issue(#"{"credential":"not an object"}"#) == (.badRequest, "invalidCredential"))
            #expect(try await issue(#"{"credential":"# + ours + #","extra":1}"#) == (.badRequest, "badRequest"))
            #expect(try await issue("{\"credential\":") == (.badRequest, "badRequest"))
            let huge = #"{"credential":{"name":""# + String(repeating: "x", count: 300_000) + #""}}"#
            #expect(try await issue(huge).0 == .contentTooLarge)
            var plain = ServerFixture.bearer(tokens["admin"], json: false)
            plain[.contentType] = "text/plain"
            let wrongType = try await client.execute(
                uri: "/credentials/issue", method: .post, headers: plain, body: ByteBuffer(string: "{}"))
            #expect(wrongType.status == .unsupportedMediaType)
            #expect(wrongType.headers[.contentType] == "application/problem+json")
        }
        #expect(try await fixture.store.read { try $0.auditEntries(from: 1, limit: 10).count } == 0)
    }

    @Test func statusChangesShowInVerificationFromTheIssuersOwnLists() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        // One status entry per credential (Open Badges 3.0): the first carries a revocation entry,
        // the second, issued once the program asks for it, a suspension entry.
        let record = try await fixture.issue()
        try await fixture.makeProgramSuspendable()
        let held = try await fixture.issue(id: "evt-2", learner: "u-2", name: "Ana Souza")
        let credential = String(decoding: try #require(record.credentialJSON), as: UTF8.self)
        let heldCredential = String(decoding: try #require(held.credentialJSON), as: UTF8.self)
        let url = "https://certs.example.org/c/\(record.id)"
        let heldURL = "https://certs.example.org/c/\(held.id)"
        try await fixture.test { client in
            func verify(_ credential: String) async throws -> JSONValue {
                try JSONValue.parse(
                    try await Self.post(client, "/credentials/verify", #"{"verifiableCredential":"# + credential + "}").text)
            }
            func status(_ entries: String, id: String? = nil, token: String? = nil) async throws -> TestResponse {
                try await Self.post(
                    client, "/credentials/status", #"{"credentialId":""# + (id ?? url) + #"","credentialStatus":"# + entries + "}",
                    token: token ?? tokens["issuer"])
            }
            let fresh = try await verify(credential)
            #expect(fresh["verified"]?.boolValue == true)
            #expect(fresh["checks"]?.asArray.contains("status") == true)

            let viewer = try await status(
                #"[{"type":"BitstringStatusListEntry","status":"suspended"}]"#, id: heldURL, token: tokens["viewer"])
            #expect(viewer.status == .forbidden)
            // A revocation entry cannot show a suspension: refused, nothing changes.
            #expect(try await status(#"[{"type":"BitstringStatusListEntry","status":"suspended"}]"#).status == .conflict)
            let suspended = try await status(
                #"[{"type":"BitstringStatusListEntry","status":"suspended","reason":"refresher due"}]"#, id: heldURL)
            #expect(suspended.status == .ok)
            #expect(try JSONValue.parse(suspended.text)["state"]?.stringValue == "suspended")
            let whileSuspended = try await verify(heldCredential)
            #expect(whileSuspended["verified"]?.boolValue == false)
            #expect(whileSuspended["errors"]?.asArray.contains { $0.stringValue?.contains("suspended") == true } == true)

            let reinstated = try await status(#"[{"type":"BitstringStatusListEntry","status":"suspended","value":false}]"#, id: held.id)
            #expect(try JSONValue.parse(reinstated.text)["state"]?.stringValue == "active")
            #expect(try await verify(heldCredential)["verified"]?.boolValue == true)
            #expect(try await verify(credential)["verified"]?.boolValue == true)

            #expect(try await status(#"[{"status":"revoked","value":false}]"#).status == .conflict)
            #expect(try await status(#"[{"status":"expired"}]"#).status == .badRequest)
            #expect(try await status(#"[]"#).status == .badRequest)
            #expect(try await status(#"[{"status":"revoked"}]"#, id: "https://elsewhere.example/c/NOPE").status == .notFound)
            let revoked = try await status(#"[{"type":"BitstringStatusListEntry","status":"revoked"}]"#)
            #expect(try JSONValue.parse(revoked.text)["state"]?.stringValue == "revoked")
            #expect(try await verify(credential)["errors"]?.asArray.contains { $0.stringValue?.contains("revoked") == true } == true)
        }
    }

    @Test func verifyIsRateLimitedAndRefusesMalformedBodies() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let server = try IssuerServer(
            environment: fixture.environment, issuer: fixture.issuer, configuration: .init(lookupsPerMinute: 3))
        let app = Application(router: server.router())
        try await app.test(.router) { client in
            #expect(try await Self.post(client, "/credentials/verify", "[]").status == .badRequest)
            #expect(try await Self.post(client, "/credentials/verify", #"{"verifiableCredential":"x"}"#).status == .badRequest)
            #expect(try await Self.post(client, "/credentials/verify", #"{"verifiableCredential":{},"options":7}"#).status == .badRequest)
            let limited = try await Self.post(client, "/credentials/verify", #"{"verifiableCredential":{}}"#)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
        }
    }
}
