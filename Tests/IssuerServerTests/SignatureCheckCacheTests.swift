import Foundation
import HTTPTypes
import HummingbirdTesting
import IssuerCore
import Testing

@testable import IssuerServer

/// The page remembers signature checks per credential bytes and key set, never across a change of either.
@Suite struct SignatureCheckCacheTests {
    static let checked = "✓ The issuer&#39;s Ed25519 signature was checked"

    @Test func alteredStoredBytesAreCheckedAgain() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let html: HTTPFields = [.accept: "text/html"]
        try await fixture.test { client in
            for _ in 0..<2 {
                let page = try await client.execute(uri: "/c/\(record.id)", method: .get, headers: html)
                #expect(page.text.contains(Self.checked))
            }
            // The same record with other signed bytes (a changed name) must not reuse the earlier check.
            try await fixture.store.write { transaction in
                var altered = try #require(try transaction.credential(id: record.id))
                let text = String(decoding: try #require(altered.credentialJSON), as: UTF8.self)
                altered.credentialJSON = Data(text.replacingOccurrences(of: "Zoë Åkesson", with: "Mallory Åkesson").utf8)
                try transaction.updateCredential(altered)
            }
            let page = try await client.execute(uri: "/c/\(record.id)", method: .get, headers: html)
            #expect(page.text.contains("Mallory"))
            #expect(!page.text.contains(Self.checked))
        }
    }

    @Test func resultsExpireAndDependOnTheKeys() {
        let cache = SignatureCheckCache(lifetime: 300, capacity: 2)
        let start = Date(timeIntervalSince1970: 1_795_426_200)
        let key = SignatureCheckCache.Key(credentialDigest: [1, 2, 3], keys: ["key-1 z6Mk"])
        cache.remember((true, "ok"), for: key, now: start)
        #expect(cache.result(for: key, now: start + 299)?.passed == true)
        #expect(cache.result(for: key, now: start + 300) == nil)
        #expect(cache.result(for: SignatureCheckCache.Key(credentialDigest: [1, 2, 3], keys: ["key-2 z6Mk"]), now: start) == nil)
        // Full: the cache starts again rather than grow.
        cache.remember((true, "ok"), for: SignatureCheckCache.Key(credentialDigest: [4], keys: []), now: start)
        cache.remember((true, "ok"), for: SignatureCheckCache.Key(credentialDigest: [5], keys: []), now: start)
        #expect(cache.result(for: key, now: start) == nil)
    }
}
