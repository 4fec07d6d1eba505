import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import Testing

@testable import IssuerServer

@Suite("Who the client is: addresses, CIDR blocks and forwarding headers")
struct ClientAddressTests {
    @Test func addressesAndBlocksParse() throws {
        #expect(IPAddress("192.0.2.1")?.bytes == [192, 0, 2, 1])
        #expect(IPAddress("::ffff:192.0.2.1") == IPAddress("192.0.2.1"))
        #expect(IPAddress("2001:db8::1")?.description == "2001:db8:0:0:0:0:0:1")
        #expect(IPAddress("fe80::1%eth0") == IPAddress("fe80::1"))
        #expect(IPAddress("::") != nil && IPAddress("::1") != nil)
        for bad in ["256.0.0.1", "1.2.3", "1.2.3.4.5", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "example.org", "", " 1.2.3.4"] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
        let block = try #require(IPAddressRange("10.0.0.0/8"))
        #expect(block.contains(try #require(IPAddress("10.200.3.4"))))
        #expect(!block.contains(try #require(IPAddress("11.0.0.1"))))
        #expect(!block.contains(try #require(IPAddress("::a00:1"))))
        let v6 = try #require(IPAddressRange("2001:db8::/32"))
        #expect(v6.contains(try #require(IPAddress("2001:db8:ffff::1"))))
        #expect(!v6.contains(try #require(IPAddress("2001:db9::1"))))
        #expect(IPAddressRange("127.0.0.1")?.prefixLength == 32)
        for bad in ["10.0.0.1/8", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "nonsense/8"] {
            #expect(IPAddressRange(bad) == nil, "\(bad)")
        }
    }

    static let proxies = ClientAddressResolver(trustedProxies: ["127.0.0.1/32", "10.0.0.0/8"].compactMap { IPAddressRange($0) })

    static func headers(_ name: String, _ values: String...) -> HTTPFields {
        var fields = HTTPFields()
        for value in values { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        return fields
    }

    @Test func xForwardedForIsReadRightToLeftPastTrustedHops() {
        let resolver = Self.proxies
        // A client may put anything on the left; the first untrusted hop from the right is the client.
        #expect(
            resolver.clientAddress(peer: "127.0.0.1", headers: Self.headers("X-Forwarded-For", "6.6.6.6, 203.0.113.9, 10.1.1.1"))
                == "203.0.113.9")
        #expect(
            resolver.clientAddress(peer: "127.0.0.1", headers: Self.headers("X-Forwarded-For", "6.6.6.6", "203.0.113.9")) == "203.0.113.9")
        #expect(
            resolver.clientAddress(peer: "127.0.0.1", headers: Self.headers("X-Forwarded-For", "[2001:db8::7]:443"))
                == "2001:db8:0:0:0:0:0:7")
        #expect(resolver.clientAddress(peer: "127.0.0.1", headers: Self.headers("X-Forwarded-For", "203.0.113.9:5555")) == "203.0.113.9")
        // Garbage left of the client does not matter; garbage where the client should be leaves the peer.
        #expect(
            resolver.clientAddress(peer: "127.0.0.1", headers: Self.headers("X-Forwarded-For", "garbage, 203.0.113.9")) == "203.0.113.9")
        #expect(resolver.clientAddress(peer: "127.0.0.1", headers: Self.headers("X-Forwarded-For", "203.0.113.9, garbage")) == "127.0.0.1")
        #expect(resolver.clientAddress(peer: "127.0.0.1", headers: HTTPFields()) == "127.0.0.1")
        // An untrusted peer's header is never read.
        #expect(resolver.clientAddress(peer: "192.0.2.50", headers: Self.headers("X-Forwarded-For", "203.0.113.9")) == "192.0.2.50")
        // Every hop trusted: the farthest one.
        #expect(resolver.clientAddress(peer: "127.0.0.1", headers: Self.headers("X-Forwarded-For", "10.0.0.5, 10.0.0.6")) == "10.0.0.5")
        // The other header is ignored when x-forwarded-for is the configured one.
        #expect(resolver.clientAddress(peer: "127.0.0.1", headers: Self.headers("Forwarded", "for=203.0.113.9")) == "127.0.0.1")
    }

    @Test func forwardedIsReadAsRFC7239() {
        let resolver = ClientAddressResolver(trustedProxies: Self.proxies.trustedProxies, header: .forwarded)
        let value = #"for=6.6.6.6, for="[2001:db8:cafe::17]:4711";proto=https, for=10.0.0.2;by=10.0.0.3"#
        #expect(resolver.clientAddress(peer: "127.0.0.1", headers: Self.headers("Forwarded", value)) == "2001:db8:cafe:0:0:0:0:17")
        #expect(resolver.clientAddress(peer: "127.0.0.1", headers: Self.headers("Forwarded", "for=unknown")) == "127.0.0.1")
        #expect(
            resolver.clientAddress(peer: "127.0.0.1", headers: Self.headers("Forwarded", #"for="_hidden", for=203.0.113.4"#))
                == "203.0.113.4")
        #expect(resolver.clientAddress(peer: "127.0.0.1", headers: Self.headers("Forwarded", #"for="203.0.113.4"#)) == "127.0.0.1")
        #expect(resolver.clientAddress(peer: "127.0.0.1", headers: Self.headers("Forwarded", "proto=https")) == "127.0.0.1")
        #expect(resolver.clientAddress(peer: "127.0.0.1", headers: Self.headers("X-Forwarded-For", "203.0.113.9")) == "127.0.0.1")
    }

    @Test func ipv6ClientsShareABucketPerSlash64() async {
        let limiter = LookupRateLimiter(perMinute: 1)
        let now = Date(timeIntervalSince1970: 0)
        #expect(await limiter.take(client: "2001:db8:1:2::1", now: now) == nil)
        #expect(await limiter.take(client: "2001:db8:1:2:ffff::9", now: now) != nil)
        #expect(await limiter.take(client: "2001:db8:1:3::1", now: now) == nil)
    }
}

/// The limits over a real socket on 127.0.0.1, with and without 127.0.0.1 as a trusted proxy.
@Suite("Rate limits per client and for everybody")
struct ClientRateLimitTests {
    static func server(_ fixture: ServerFixture, trusting proxies: [String], configure: (inout IssuerServer.Configuration) -> Void)
        throws -> IssuerServer
    {
        var configuration = IssuerServer.Configuration(lookupsPerMinute: 2)
        configuration.clientAddresses = ClientAddressResolver(trustedProxies: proxies.compactMap { IPAddressRange($0) })
        configure(&configuration)
        return try IssuerServer(environment: fixture.environment, issuer: fixture.issuer, configuration: configuration)
    }

    static func live(_ server: IssuerServer, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live, body)
    }

    static func lookup(_ client: any TestClientProtocol, from address: String) async throws -> Int {
        try await client.execute(
            uri: "/verify?passcode=00000-00000", method: .get,
            headers: [HTTPField.Name("X-Forwarded-For")!: address, .accept: "application/json"]
        ).status.code
    }

    @Test(arguments: [[], ["10.0.0.0/8"]])
    func spoofedForwardedForFromAnUntrustedPeerIsIgnored(proxies: [String]) async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let server = try Self.server(fixture, trusting: proxies) { _ in }
        try await Self.live(server) { (client: any TestClientProtocol) async throws in
            #expect(try await Self.lookup(client, from: "198.51.100.1") == 404)
            #expect(try await Self.lookup(client, from: "198.51.100.2") == 404)
            #expect(try await Self.lookup(client, from: "198.51.100.3") == 429)
        }
    }

    @Test func distinctClientsBehindATrustedProxyHaveTheirOwnBuckets() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let server = try Self.server(fixture, trusting: ["127.0.0.0/8", "::1/128"]) { _ in }
        try await Self.live(server) { (client: any TestClientProtocol) async throws in
            for address in ["198.51.100.1", "198.51.100.2", "2001:db8::1"] {
                #expect(try await Self.lookup(client, from: address) == 404)
                #expect(try await Self.lookup(client, from: address) == 404)
                #expect(try await Self.lookup(client, from: address) == 429)
            }
            // POST /credentials/verify shares the same per-client buckets.
            let verify = try await client.execute(
                uri: "/credentials/verify", method: .post,
                headers: [HTTPField.Name("X-Forwarded-For")!: "198.51.100.1", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"verifiableCredential":{}}"#))
            #expect(verify.status == .tooManyRequests)
        }
    }

    @Test func theGlobalCeilingBitesAcrossManyForwardedAddresses() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let server = try Self.server(fixture, trusting: ["127.0.0.0/8", "::1/128"]) { $0.globalLookupsPerMinute = 5 }
        try await Self.live(server) { (client: any TestClientProtocol) async throws in
            for index in 1...5 { #expect(try await Self.lookup(client, from: "198.51.100.\(index)") == 404) }
            let sixth = try await client.execute(
                uri: "/verify?passcode=00000-00000", method: .get,
                headers: [HTTPField.Name("X-Forwarded-For")!: "198.51.100.6", .accept: "application/json"])
            #expect(sixth.status == .tooManyRequests)
            #expect(sixth.headers[.retryAfter] == "12")
        }
    }

    @Test func unknownCredentialIdsRunOutWhileKnownOnesKeepWorking() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let server = try Self.server(fixture, trusting: ["127.0.0.0/8", "::1/128"]) {
            $0.credentialMissesPerMinute = 3
            $0.globalCredentialMissesPerMinute = 5
        }
        try await Self.live(server) { (client: any TestClientProtocol) async throws in
            func get(_ id: String, from address: String, accept: String = "application/json") async throws -> Int {
                try await client.execute(
                    uri: "/c/\(id)", method: .get, headers: [HTTPField.Name("X-Forwarded-For")!: address, .accept: accept]
                )
                .status.code
            }
            // Known ids cost nothing.
            for _ in 0..<10 { #expect(try await get(record.id, from: "198.51.100.1") == 200) }
            for id in ["AAAAAAAA", "BBBBBBBB", "CCCCCCCC"] { #expect(try await get(id, from: "198.51.100.1", accept: "text/html") == 404) }
            // The guesser is refused whatever it asks for, so a 429 tells it nothing about the id.
            #expect(try await get("DDDDDDDD", from: "198.51.100.1") == 429)
            #expect(try await get(record.id, from: "198.51.100.1") == 429)
            // Others still see the known credential.
            #expect(try await get(record.id, from: "198.51.100.2") == 200)
            // Two more misses from elsewhere empty the global budget: then a client that has missed is refused …
            #expect(try await get("EEEEEEEE", from: "198.51.100.3") == 404)
            #expect(try await get("FFFFFFFF", from: "198.51.100.4") == 404)
            #expect(try await get("GGGGGGGG", from: "198.51.100.3") == 429)
            // … while a client with no misses still reaches a known credential.
            #expect(try await get(record.id, from: "198.51.100.5") == 200)
        }
    }
}
