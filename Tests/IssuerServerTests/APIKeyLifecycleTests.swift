import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import SQLiteStore
import Testing
import VerifiableCredentials

/// Issue 14, point 5: API keys are revoked (CLI and admin API, audited, at once on a running
/// server), expire, show when they were last used, and may require signed events.
@Suite("API keys: revocation, expiry, last use, required signatures")
struct APIKeyLifecycleTests {
    static func get(_ client: any TestClientProtocol, _ uri: String, _ token: String?) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: ServerFixture.bearer(token, json: false))
    }

    @Test func adminsRevokeKeysOverTheAPIAndTheyStopAtOnce() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let keys = try await fixture.store.read { try $0.apiKeys() }
        let viewerID = try #require(keys.first { $0.name == "viewer" }?.id)
        let issuerID = try #require(keys.first { $0.name == "issuer" }?.id)
        try await fixture.test { (client) async throws in
            #expect(try await Self.get(client, "/api/v1/credentials", tokens["viewer"]).status == .ok)
            for role in ["viewer", "issuer", "lms"] {
                let refused = try await client.execute(
                    uri: "/api/v1/api-keys/\(viewerID)/revoke", method: .post, headers: ServerFixture.bearer(tokens[role], json: false))
                #expect(refused.status == .forbidden, "\(role)")
            }
            #expect(try await Self.get(client, "/api/v1/api-keys", tokens["viewer"]).status == .forbidden)
            let revoked = try await client.execute(
                uri: "/api/v1/api-keys/\(viewerID)/revoke", method: .post, headers: ServerFixture.bearer(tokens["admin"], json: false))
            #expect(revoked.status == .ok)
            #expect(try JSONValue.parse(revoked.text)["state"]?.stringValue == "revoked")
            #expect(try await Self.get(client, "/api/v1/credentials", tokens["viewer"]).status == .unauthorized)
            let deleted = try await client.execute(
                uri: "/api/v1/api-keys/\(issuerID)", method: .delete, headers: ServerFixture.bearer(tokens["admin"], json: false))
            #expect(deleted.status == .ok)
            #expect(try await Self.get(client, "/api/v1/credentials", tokens["issuer"]).status == .unauthorized)
            let unknown = try await client.execute(
                uri: "/api/v1/api-keys/ak-nope/revoke", method: .post, headers: ServerFixture.bearer(tokens["admin"], json: false))
            #expect(unknown.status == .notFound)
        }
        let audit = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 100) }.filter { $0.kind == "apiKey.revoked" }
        #expect(audit.map(\.subject) == [viewerID, issuerID])
        #expect(audit.allSatisfy { $0.actor == "api:admin" })
    }

    @Test func theListShowsLastUseExpiryAndUnsignedLMSKeysButNoSecret() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let expiring = try await fixture.makeKey("temporary", role: .viewer, expiresAt: fixture.clock.now.addingTimeInterval(3600))
        let used = fixture.clock.now
        try await fixture.test { (client) async throws in
            #expect(try await Self.get(client, "/api/v1/credentials", tokens["viewer"]).status == .ok)
            fixture.clock.advance(by: 30)
            #expect(try await Self.get(client, "/api/v1/credentials", tokens["viewer"]).status == .ok)
        }
        // At most one write a minute: the second use, 30 s later, left the time alone.
        #expect(try await fixture.store.read { try $0.apiKeys().first { $0.name == "viewer" }?.lastUsedAt } == used)
        fixture.clock.advance(by: 31)
        let listed = try await fixture.test { client -> TestResponse in
            #expect(try await Self.get(client, "/api/v1/credentials", tokens["viewer"]).status == .ok)
            #expect(try await Self.get(client, "/api/v1/credentials", expiring.token).status == .ok)
            return try await Self.get(client, "/api/v1/api-keys", tokens["admin"])
        }
        #expect(listed.status == .ok)
        #expect(!listed.text.contains(ServerFixture.hmacSecret))
        #expect(!listed.text.contains("tokenHash"))
        let list = try #require(try JSONValue.parse(listed.text)["apiKeys"]?.arrayValue)
        func entry(_ name: String) -> JSONValue? { list.first { $0["name"]?.stringValue == name } }
        #expect(entry("viewer")?["lastUsedAt"]?.stringValue == DateTimeStamp.format(used.addingTimeInterval(61)))
        #expect(entry("lms")?["hmac"]?.boolValue == false)
        #expect(entry("lms")?["requiresHmac"]?.boolValue == false)
        #expect(entry("signed-lms")?["hmac"]?.boolValue == true)
        #expect(entry("issuer")?["lastUsedAt"] == nil)
        #expect(entry("temporary")?["expiresAt"]?.stringValue == DateTimeStamp.format(ServerFixture.start.addingTimeInterval(3600)))
        #expect(entry("temporary")?["state"]?.stringValue == "active")
    }

    @Test func anExpiredKeyIsRefused() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let key = try await fixture.makeKey("quarter", role: .viewer, expiresAt: fixture.clock.now.addingTimeInterval(90 * 86_400))
        try await fixture.test { (client) async throws in
            fixture.clock.advance(by: 90 * 86_400 - 1)
            #expect(try await Self.get(client, "/api/v1/credentials", key.token).status == .ok)
            fixture.clock.advance(by: 1)
            #expect(try await Self.get(client, "/api/v1/credentials", key.token).status == .unauthorized)
        }
    }

    @Test func aKeyThatRequiresSignaturesRefusesUnsignedEvents() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let strict = try await fixture.makeKey("strict-lms", role: .lms, requiresHMAC: true)
        let lax = try await fixture.makeKey("lax-lms", role: .lms)
        try await fixture.test { (client) async throws in
            let refused = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(strict.token),
                body: ByteBuffer(string: ServerFixture.eventJSON()))
            #expect(refused.status == .unauthorized)
            #expect(try JSONValue.parse(refused.text)["code"]?.stringValue == "signatureRequired")
            var moodle = ServerFixture.bearer(strict.token)
            moodle[.contentType] = "application/json"
            let moodleRefused = try await client.execute(
                uri: "/api/v1/events/moodle?program=working-at-height-2", method: .post, headers: moodle, body: ByteBuffer(string: "{}"))
            #expect(moodleRefused.status == .unauthorized)
            let accepted = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(lax.token),
                body: ByteBuffer(string: ServerFixture.eventJSON()))
            #expect(accepted.status == .accepted)
        }
        #expect(try await fixture.store.read { try $0.completions(state: nil).count } == 1)
    }

    /// What `attest api-keys revoke` does, on its own store over the same file, while the server runs.
    @Test func revokingWithTheCLIStopsTheKeyOnARunningServer() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let key = try await fixture.makeKey("dashboard", role: .viewer)
        let app = Application(router: fixture.server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { (client) async throws in
            #expect(try await Self.get(client, "/api/v1/credentials", key.token).status == .ok)
            let cliStore = try SQLiteIssuerStore(path: fixture.directory.appendingPathComponent("attest.sqlite").path)
            let cli = IssuerEnvironment(
                store: cliStore, now: { Date() }, keys: InMemoryKeyProvider(keys: ["key-1": fixture.key]))
            try await IssuerAdministration(environment: cli, actor: "cli").revokeAPIKey(id: key.record.id)
            let refused = try await Self.get(client, "/api/v1/credentials", key.token)
            #expect(refused.status == .unauthorized)
        }
        let audit = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 100) }.filter { $0.kind == "apiKey.revoked" }
        #expect(audit.map(\.actor) == ["cli"])
    }
}
