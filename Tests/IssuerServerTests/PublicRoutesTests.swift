import CanonicalJSON
import Foundation
import HTTPTypes
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

@Suite("Public routes: health, did:web, status lists, credentials")
struct PublicRoutesTests {
    @Test func healthAnswers() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains("ok"))
        }
    }

    @Test func didDocumentListsCurrentAndRetiredKeys() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let second = try Ed25519PrivateKeyForTests.make(seed: 9)
        try await fixture.store.write { transaction in
            var first = try transaction.signingKeys()[0]
            first.retiredAt = ServerFixture.start.addingTimeInterval(60)
            try transaction.saveSigningKey(first)
            try transaction.saveSigningKey(
                SigningKeyRecord(
                    id: "key-2", publicKeyMultibase: second, fileName: "key-2.pem", createdAt: ServerFixture.start.addingTimeInterval(60)))
        }
        let did = fixture.issuer.did
        try await fixture.test { client in
            let response = try await client.execute(uri: "/.well-known/did.json", method: .get, headers: [.accept: "application/did+json"])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/did+json")
            let document = try JSONValue.parse(response.text)
            #expect(document["id"]?.stringValue == did)
            let methods = document["verificationMethod"]?.asArray.compactMap { $0["id"]?.stringValue } ?? []
            #expect(methods == ["\(did)#key-1", "\(did)#key-2"])
            let plain = try await client.execute(uri: "/.well-known/did.json", method: .get)
            #expect(plain.headers[.contentType] == "application/json")
        }
    }

    @Test func statusListHasCacheHeadersAndConditionalGET() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let stored = try await fixture.store.read { try $0.statusList(id: record.revocationList)?.signedCredentialJSON }
        try await fixture.test { client in
            let response = try await client.execute(uri: "/status/\(record.revocationList)", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/vc")
            #expect(response.headers[.cacheControl] == "public, max-age=\(Int(StatusListPublisher.ttl))")
            #expect(Data(response.body.readableBytesView) == stored)
            let etag = try #require(response.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.count > 10)
            let again = try await client.execute(uri: "/status/\(record.revocationList)", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            let other = try await client.execute(uri: "/status/\(record.revocationList)", method: .get, headers: [.ifNoneMatch: "\"nope\""])
            #expect(other.status == .ok)
        }
        // A revocation re-signs the list: the tag changes.
        try await fixture.changes().revoke(record.id, reason: "test")
        try await fixture.test { client in
            let first = try await client.execute(uri: "/status/\(record.revocationList)", method: .get)
            let changed = try await client.execute(uri: "/status/\(record.revocationList)", method: .get, headers: [.ifNoneMatch: "\"0\""])
            #expect(first.headers[.eTag] == changed.headers[.eTag])
            #expect(Data(first.body.readableBytesView) != stored)
        }
    }

    @Test func credentialIsServedByteForByte() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let stored = try #require(record.credentialJSON)
        try await fixture.test { client in
            for (accept, type) in [("application/vc", "application/vc"), ("application/json", "application/json")] {
                let response = try await client.execute(uri: "/c/\(record.id)", method: .get, headers: [.accept: accept])
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == type)
                #expect(Data(response.body.readableBytesView) == stored)
            }
            let file = try await client.execute(uri: "/c/\(record.id).json", method: .get)
            #expect(file.headers[.contentType] == "application/json")
            #expect(Data(file.body.readableBytesView) == stored)
            let html = try await client.execute(
                uri: "/c/\(record.id)", method: .get, headers: [.accept: "text/html,application/xhtml+xml,*/*;q=0.8"])
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            // Without documents there is no PDF or PNG, and saying so is a 404.
            #expect(try await client.execute(uri: "/c/\(record.id).pdf", method: .get).status == .notFound)
        }
    }

    @Test func documentsAreServedWithTheirTypes() async throws {
        let fixture = try await ServerFixture(documents: true)
        defer { fixture.remove() }
        let record = try await fixture.issue()
        try await fixture.test { client in
            let pdf = try await client.execute(uri: "/c/\(record.id).pdf", method: .get)
            #expect(pdf.status == .ok)
            #expect(pdf.headers[.contentType] == "application/pdf")
            #expect(Data(pdf.body.readableBytesView) == record.pdf)
            let png = try await client.execute(uri: "/c/\(record.id).png", method: .get)
            #expect(png.headers[.contentType] == "image/png")
            // Drawn on this first request, then stored (see PreviewRouteTests).
            #expect(Data(png.body.readableBytesView) == (try await fixture.store.read { try $0.credential(id: record.id) })?.png)
            let page = try await client.execute(uri: "/c/\(record.id)", method: .get, headers: [.accept: "text/html"])
            #expect(page.text.contains(#"<meta property="og:image" content="https://certs.example.org/c/\#(record.id).png">"#))
            #expect(page.text.contains(#"href="/c/\#(record.id).pdf""#))
        }
    }

    @Test(arguments: [
        "/c/NOSUCHID", "/c/..%2F..%2Fetc%2Fpasswd", "/c/%2e%2e", "/c/" + String(repeating: "A", count: 500), "/c/ABC.exe", "/c/ABC%00",
        "/status/nope", "/status/..%2Fattest.sqlite", "/status/" + String(repeating: "x", count: 300), "/no/such/route", "/c/",
    ])
    func unknownThingsAreNotFoundNeverServerErrors(path: String) async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        _ = try await fixture.issue()
        try await fixture.test { client in
            let response = try await client.execute(uri: path, method: .get, headers: [.accept: "application/json"])
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try JSONValue.parse(response.text)
            #expect(problem["status"]?.numberValue == 404)
            let page = try await client.execute(uri: path, method: .get, headers: [.accept: "text/html"])
            #expect(page.status == .notFound)
            #expect(page.text.contains("<h1>Not found</h1>"))
        }
    }
}
