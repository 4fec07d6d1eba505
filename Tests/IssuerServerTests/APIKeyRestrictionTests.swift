import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 18 point 5, enforced by the API over real sockets: an API key's allow-list (403
/// `addressNotAllowed` from any other address, IPv4 and IPv6, the forwarding header believed
/// only from a configured trusted proxy), expiry (401 `apiKeyExpired`), rotation with an overlap
/// (both tokens, then only the new; 401 `apiKeyRotated`), and the address of the last use.
@Suite("API keys over a real socket: allow-lists, expiry, rotation, last address")
struct APIKeyRestrictionTests {
    static func makeKey(
        _ fixture: ServerFixture, _ name: String, allowed: [String] = [], expiresAt: Date? = nil, role: APIRole = .viewer
    ) async throws -> (token: String, record: APIKeyRecord) {
        let token = APIKeyToken.generate()
        let record = APIKeyToken.record(
            name: name, role: role, token: token, hmacSecret: nil, expiresAt: expiresAt,
            allowedNetworks: try APIKeyRecord.allowList(allowed),
            random: fixture.environment.random, now: fixture.clock.now)
        try await fixture.store.write { try $0.saveAPIKey(record) }
        return (token, record)
    }

    /// `GET /api/v1/credentials` with `token`: the status and the problem code, if any.
    static func call(_ client: TestClient, _ token: String, headers: HTTPFields = [:]) async throws -> (Int, String?) {
        var fields = headers
        fields[.authorization] = "Bearer \(token)"
        fields[.accept] = "application/json"
        let response = try await client.get("/api/v1/credentials", headers: fields)
        let body = response.body.map { String(buffer: $0) } ?? ""
        return (Int(response.status.code), (try? JSONValue.parse(body))?["code"]?.stringValue)
    }

    @Test func aKeyIsRefusedFromAnAddressOutsideItsListAndAcceptedFromOneInside() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let outside = try await Self.makeKey(fixture, "outside", allowed: ["10.0.0.0/8", "2001:db8::/32"])
        let inside = try await Self.makeKey(fixture, "inside", allowed: ["10.0.0.0/8", "127.0.0.1/32"])
        let anywhere = try await Self.makeKey(fixture, "anywhere")
        try await ServerFixture.live(fixture.server) { (client: TestClient, _) async throws in
            let (status, code) = try await Self.call(client, outside.token)
            #expect(status == 403 && code == "addressNotAllowed")
            #expect(try await Self.call(client, inside.token).0 == 200)
            #expect(try await Self.call(client, anywhere.token).0 == 200)
        }
        let keys = try await fixture.store.read { try $0.apiKeys() }
        #expect(keys.first { $0.name == "inside" }?.lastUsedAddress == "127.0.0.1")
        #expect(keys.first { $0.name == "inside" }?.lastUsedAt == fixture.clock.now)
        // A refused request is not a use.
        #expect(keys.first { $0.name == "outside" }?.lastUsedAt == nil)
    }

    /// The attack: a client outside the list names an allowed address in X-Forwarded-For. Without
    /// `--trusted-proxy` the header is never read, so the socket's peer decides.
    @Test func aForwardedForHeaderDoesNotGetAroundTheListUnlessTheProxyIsTrusted() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let key = try await Self.makeKey(fixture, "lms", allowed: ["10.0.0.0/8"])
        let spoofed: HTTPFields = [HTTPField.Name("X-Forwarded-For")!: "10.1.2.3", HTTPField.Name("Forwarded")!: "for=10.1.2.3"]
        try await ServerFixture.live(fixture.server) { (client: TestClient, _) async throws in
            #expect(try await Self.call(client, key.token, headers: spoofed).0 == 403)
        }
        // Behind a configured proxy (here 127.0.0.1), the client it names is the address that counts.
        var configuration = IssuerServer.Configuration()
        configuration.clientAddresses = ClientAddressResolver(trustedProxies: [try #require(IPAddressRange("127.0.0.1/32"))])
        let proxied = try IssuerServer(environment: fixture.environment, issuer: fixture.issuer, configuration: configuration)
        try await ServerFixture.live(proxied) { (client: TestClient, _) async throws in
            #expect(try await Self.call(client, key.token, headers: [HTTPField.Name("X-Forwarded-For")!: "10.1.2.3"]).0 == 200)
            #expect(try await Self.call(client, key.token, headers: [HTTPField.Name("X-Forwarded-For")!: "192.0.2.1"]).0 == 403)
            #expect(try await Self.call(client, key.token).0 == 403)
        }
        #expect(try await fixture.store.read { try $0.apiKey(id: key.record.id) }?.lastUsedAddress == "10.1.2.3")
    }

    /// Whether this machine can listen on ::1 (a container may have no IPv6 loopback).
    static let hasIPv6Loopback: Bool = {
        let descriptor = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_addr = in6addr_loopback
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0
            }
        }
    }()

    @Test(.enabled(if: hasIPv6Loopback, "this machine has no ::1 to listen on"))
    func theSameHoldsOverIPv6() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let ipv4Only = try await Self.makeKey(fixture, "ipv4", allowed: ["127.0.0.1/32", "10.0.0.0/8"])
        let loopback = try await Self.makeKey(fixture, "ipv6", allowed: ["::1/128"])
        let block = try await Self.makeKey(fixture, "block", allowed: ["2001:db8::/32"])
        try await ServerFixture.live(fixture.server, host: "::1") { (client: TestClient, _) async throws in
            let (status, code) = try await Self.call(client, ipv4Only.token)
            #expect(status == 403 && code == "addressNotAllowed")
            #expect(try await Self.call(client, block.token).0 == 403)
            #expect(try await Self.call(client, loopback.token).0 == 200)
        }
        #expect(try await fixture.store.read { try $0.apiKey(id: loopback.record.id) }?.lastUsedAddress == "::1")
    }

    @Test func anExpiredKeyIsA401ThatSaysSo() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let key = try await Self.makeKey(fixture, "temporary", expiresAt: fixture.clock.now.addingTimeInterval(3_600))
        try await ServerFixture.live(fixture.server) { (client: TestClient, _) async throws in
            #expect(try await Self.call(client, key.token).0 == 200)
            fixture.clock.advance(by: 3_600)
            let (status, code) = try await Self.call(client, key.token)
            #expect(status == 401 && code == "apiKeyExpired")
            #expect(try await Self.call(client, "attest_" + String(repeating: "0", count: 64)).1 == "unauthorized")
        }
    }

    @Test func bothTokensWorkDuringTheOverlapAndOnlyTheNewOneAfter() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let key = try await Self.makeKey(fixture, "lms", allowed: ["127.0.0.0/8"])
        let newToken = APIKeyToken.generate()
        let rotated = try await IssuerAdministration(environment: fixture.environment, actor: "test").rotateAPIKey(
            id: key.record.id, newTokenHash: APIKeyToken.hash(newToken), overlap: 2 * 3_600)
        #expect(rotated.previousTokenValidUntil == fixture.clock.now.addingTimeInterval(7_200))
        try await ServerFixture.live(fixture.server) { (client: TestClient, _) async throws in
            #expect(try await Self.call(client, key.token).0 == 200)
            #expect(try await Self.call(client, newToken).0 == 200)
            fixture.clock.advance(by: 7_199)
            #expect(try await Self.call(client, key.token).0 == 200)
            fixture.clock.advance(by: 1)
            let (status, code) = try await Self.call(client, key.token)
            #expect(status == 401 && code == "apiKeyRotated")
            #expect(try await Self.call(client, newToken).0 == 200)
        }
        // Revoking the key stops both tokens, also inside an overlap.
        let third = APIKeyToken.generate()
        try await IssuerAdministration(environment: fixture.environment, actor: "test").rotateAPIKey(
            id: key.record.id, newTokenHash: APIKeyToken.hash(third), overlap: 3_600)
        try await IssuerAdministration(environment: fixture.environment, actor: "test").revokeAPIKey(id: key.record.id)
        try await ServerFixture.live(fixture.server) { (client: TestClient, _) async throws in
            #expect(try await Self.call(client, newToken).0 == 401)
            #expect(try await Self.call(client, third).0 == 401)
        }
        let audit = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 100) }.filter { $0.kind == "apiKey.rotated" }
        #expect(audit.count == 2)
        let logged = audit.map { String(describing: $0) }.joined()
        #expect(!logged.contains(key.record.tokenHash) && !logged.contains(APIKeyToken.hash(newToken)))
    }

    @Test func theListShowsTheAllowListAndTheLastAddressButNoSecret() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let admin = try await Self.makeKey(fixture, "admin", allowed: ["127.0.0.1"], role: .admin)
        try await ServerFixture.live(fixture.server) { (client: TestClient, _) async throws in
            let response = try await client.get("/api/v1/api-keys", headers: [.authorization: "Bearer \(admin.token)"])
            #expect(response.status == .ok)
            let text = response.body.map { String(buffer: $0) } ?? ""
            #expect(!text.contains(admin.record.tokenHash))
            let entry = try #require(try JSONValue.parse(text)["apiKeys"]?.arrayValue?.first)
            #expect(entry["allowedNetworks"]?.arrayValue?.compactMap(\.stringValue) == ["127.0.0.1/32"])
            #expect(entry["lastUsedAddress"]?.stringValue == "127.0.0.1")
        }
    }
}
