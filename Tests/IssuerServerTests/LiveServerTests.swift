import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerServer
import Testing

@Suite("Over a real socket on 127.0.0.1")
struct LiveServerTests {
    @Test func pageStatusListAndConditionalGETOverHTTP() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue(name: "山田 太郎")
        try await ServerFixture.live(fixture.server) { client, _ in
            let page = try await client.execute(uri: "/c/\(record.id)", method: .get, headers: [.accept: "*/*"])
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("山田 太郎") && page.text.contains(">VALID</h1>"))
            let list = try await client.execute(uri: "/status/\(record.revocationList)", method: .get)
            let etag = try #require(list.headers[.eTag])
            let cached = try await client.execute(uri: "/status/\(record.revocationList)", method: .get, headers: [.ifNoneMatch: etag])
            #expect(cached.status == .notModified)
            let problem = try await client.execute(uri: "/c/%2e%2e%2fattest.sqlite", method: .get)
            #expect(problem.status == .notFound)
        }
    }
}
