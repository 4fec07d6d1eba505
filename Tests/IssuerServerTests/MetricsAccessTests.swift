import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerServer
import Testing

@Suite("/metrics asks for its token; error pages carry the security headers")
struct MetricsAccessTests {
    @Test func metricsNeedTheBearerToken() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let none = try await client.execute(uri: "/metrics", method: .get)
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(!none.text.contains("attest_"))
            for wrong in ["Bearer wrong", "Bearer \(ServerFixture.metricsToken)x", "Basic \(ServerFixture.metricsToken)", "Bearer"] {
                #expect(try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: wrong]).status == .unauthorized)
            }
            let scraped = try await client.execute(uri: "/metrics", method: .get, headers: ServerFixture.metricsAuthorization)
            #expect(scraped.status == .ok)
            #expect(scraped.headers[.contentType]?.hasPrefix("text/plain") == true)
        }
    }

    @Test func metricsAreOffWithoutAToken() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let server = try IssuerServer(environment: fixture.environment, issuer: fixture.issuer)
        try await Application(router: server.router()).test(.router) { client in
            let response = try await client.execute(uri: "/metrics", method: .get, headers: ServerFixture.metricsAuthorization)
            #expect(response.status == .notFound)
        }
    }

    static let pageHeaders: [(String, String)] = [
        ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY"),
        (
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        ),
    ]

    /// 404 of a route, 404 of nothing routed, 429 and 413 as HTML pages, each with every header a normal page has.
    @Test func errorPagesCarryTheSameHeadersAsPages() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let server = try IssuerServer(environment: fixture.environment, issuer: fixture.issuer, configuration: .init(lookupsPerMinute: 1))
        try await Application(router: server.router()).test(.router) { client in
            let html: HTTPFields = [.accept: "text/html"]
            let page = try await client.execute(uri: "/verify", method: .get, headers: html)
            let errors = [
                try await client.execute(uri: "/c/NOSUCHID", method: .get, headers: html),
                try await client.execute(uri: "/nothing/routed/here", method: .get, headers: html),
                // The upload takes the one lookup of the minute, so the passcode lookup after it is limited.
                try await client.execute(
                    uri: "/verify", method: .post, headers: [.accept: "text/html", .contentType: "application/json"],
                    body: ByteBuffer(repeating: 0x20, count: 9 << 20)),
                try await client.execute(uri: "/verify?passcode=00000-00000", method: .get, headers: html),
            ]
            #expect(errors.map(\.status) == [.notFound, .notFound, .contentTooLarge, .tooManyRequests])
            for response in [page] + errors {
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "\(response.status)")
                for (name, value) in Self.pageHeaders {
                    #expect(response.headers[HTTPField.Name(name)!] == value, "\(response.status) \(name)")
                }
            }
        }
    }
}
