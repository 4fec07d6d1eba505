import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import Synchronization
import Testing

@testable import IssuerServer

/// The verification page's validator (`ETag`, `If-None-Match` → 304) and its short-lived cache.
@Suite("The verification page's ETag and page cache")
struct VerificationPageCacheTests {
    static let html: HTTPFields = [.accept: "text/html"]

    /// The fixture's issuer behind a server whose page cache keeps pages for `lifetime`.
    static func server(_ fixture: ServerFixture, lifetime: Duration, missesPerMinute: Int? = nil) throws -> IssuerServer {
        var configuration = IssuerServer.Configuration()
        configuration.verificationPageCacheLifetime = lifetime
        if let missesPerMinute { configuration.credentialMissesPerMinute = missesPerMinute }
        return try IssuerServer(environment: fixture.environment, issuer: fixture.issuer, configuration: configuration)
    }

    static func test<T>(_ server: IssuerServer, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await Application(router: server.router()).test(.router, body)
    }

    @Test func aClientThatHasThePageGets304UntilTheStateChanges() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        try await fixture.test { client in
            let first = try await client.execute(uri: "/c/\(record.id)", method: .get, headers: Self.html)
            let etag = try #require(first.headers[.eTag])
            #expect(first.status == .ok && etag.hasPrefix("\"") && etag.count == 34)
            #expect(first.headers[.cacheControl] == "no-cache")

            for match in [etag, "W/\(etag)", "\"other\", \(etag)", "*"] {
                let again = try await client.execute(
                    uri: "/c/\(record.id)", method: .get, headers: [.accept: "text/html", .ifNoneMatch: match])
                #expect(again.status == .notModified, "If-None-Match: \(match)")
                #expect(again.body.readableBytes == 0 && again.headers[.eTag] == etag)
            }
            let head = try await client.execute(uri: "/c/\(record.id)", method: .head, headers: [.accept: "text/html", .ifNoneMatch: etag])
            #expect(head.status == .notModified)
            let other = try await client.execute(
                uri: "/c/\(record.id)", method: .get, headers: [.accept: "text/html", .ifNoneMatch: "\"other\""])
            #expect(other.status == .ok && other.text.contains(">VALID</h1>"))

            try await fixture.changes().revoke(record.id, reason: "issued in error")
            let revoked = try await client.execute(
                uri: "/c/\(record.id)", method: .get, headers: [.accept: "text/html", .ifNoneMatch: etag])
            #expect(revoked.status == .ok && revoked.text.contains(">REVOKED</h1>"))
            #expect(revoked.headers[.eTag] != etag)
        }
    }

    @Test func aKeptPageIsServedUntilItsLifetimeEndsThenTheRevocationShows() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        // Kept for an hour: the revocation does not show while the page is kept (so the cache is really used).
        let keeping = try Self.server(fixture, lifetime: .seconds(3600))
        let shortLived = try Self.server(fixture, lifetime: .milliseconds(50))
        let (keptBefore, shortBefore) = (
            try await Self.test(keeping) { try await $0.execute(uri: "/c/\(record.id)", method: .get, headers: Self.html).text },
            try await Self.test(shortLived) { try await $0.execute(uri: "/c/\(record.id)", method: .get, headers: Self.html).text }
        )
        #expect(keptBefore.contains(">VALID</h1>") && shortBefore.contains(">VALID</h1>"))

        try await fixture.changes().revoke(record.id, reason: "issued in error")
        let kept = try await Self.test(keeping) { try await $0.execute(uri: "/c/\(record.id)", method: .get, headers: Self.html) }
        #expect(kept.text.contains(">VALID</h1>"), "the hour-long cache rendered the page again")
        // A 50 ms lifetime: polled with a generous deadline (a loaded machine is slow), never timed.
        let deadline = ContinuousClock.now + .seconds(30)
        var shown = ""
        while ContinuousClock.now < deadline {
            shown = try await Self.test(shortLived) { try await $0.execute(uri: "/c/\(record.id)", method: .get, headers: Self.html).text }
            if shown.contains(">REVOKED</h1>") { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(shown.contains(">REVOKED</h1>") && shown.contains("Reason: issued in error"))
    }

    @Test func aClaimLinkIsRecordedEvenWhenThePageIsKept() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let token = try await ClaimTokens(store: fixture.store, random: fixture.environment.random).token(forCredentialID: record.id)
        let server = try Self.server(fixture, lifetime: .seconds(3600))
        try await Self.test(server) { client in
            #expect(try await client.execute(uri: "/c/\(record.id)", method: .get, headers: Self.html).status == .ok)
            let claimed = try await client.execute(uri: "/c/\(record.id)?claim=\(token)", method: .get, headers: Self.html)
            #expect(claimed.status == .ok && claimed.text.contains(">VALID</h1>"))
        }
        #expect(try await fixture.store.read { try $0.credential(id: record.id)?.claimedAt } == fixture.clock.now)
    }

    /// The miss limit is decided before the cache is asked: a refused client gets 429 for a kept page too.
    @Test func theMissLimitStillRefusesAKeptPage() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let server = try Self.server(fixture, lifetime: .seconds(3600), missesPerMinute: 2)
        try await Self.test(server) { client in
            #expect(try await client.execute(uri: "/c/\(record.id)", method: .get, headers: Self.html).status == .ok)
            for unknown in ["NOPE0001", "NOPE0002"] {
                #expect(try await client.execute(uri: "/c/\(unknown)", method: .get, headers: Self.html).status == .notFound)
            }
            let refused = try await client.execute(uri: "/c/\(record.id)", method: .get, headers: Self.html)
            #expect(refused.status == .tooManyRequests)
        }
    }

    @Test func theCacheKeepsAPageForItsLifetimeOnItsOwnClock() {
        let clock = Mutex(ContinuousClock.now)
        let cache = VerificationPageCache(lifetime: .seconds(1), now: { clock.withLock { $0 } })
        let page = cache.remember(id: "A", html: Array("<p>one</p>".utf8))
        #expect(cache.page(id: "A")?.etag == page.etag && cache.page(id: "B") == nil)
        clock.withLock { $0 += .milliseconds(999) }
        #expect(cache.page(id: "A") != nil)
        clock.withLock { $0 += .milliseconds(1) }
        #expect(cache.page(id: "A") == nil)
        #expect(page.etag != VerificationPageCache.etag(of: Array("<p>two</p>".utf8)))

        // Full: the expired pages go first, the fresh ones stay.
        let small = VerificationPageCache(lifetime: .seconds(1), capacity: 2, now: { clock.withLock { $0 } })
        _ = small.remember(id: "old", html: [1])
        clock.withLock { $0 += .seconds(2) }
        _ = small.remember(id: "new", html: [2])
        _ = small.remember(id: "newer", html: [3])
        #expect(small.page(id: "new") != nil && small.page(id: "newer") != nil)

        let off = VerificationPageCache(lifetime: .zero)
        _ = off.remember(id: "A", html: [1])
        #expect(off.page(id: "A") == nil)
    }
}
