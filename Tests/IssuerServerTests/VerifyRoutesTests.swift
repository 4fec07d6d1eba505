import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

@Suite("The /verify page: passcode lookup and upload")
struct VerifyRoutesTests {
    @Test func formIsLabelled() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let response = try await client.execute(uri: "/verify", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains(#"<label for="passcode">"#) && response.text.contains(#"id="passcode""#))
            #expect(response.text.contains(#"<label for="certificate">"#) && response.text.contains(#"enctype="multipart/form-data""#))
        }
    }

    @Test func passcodeLeadsToThePage() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let passcode = try #require(record.passcode)
        let typed = passcode.lowercased().replacingOccurrences(of: "-", with: " ")
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/verify?passcode=\(typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", method: .get)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/c/\(record.id)")
            let unknown = try await client.execute(uri: "/verify?passcode=00000-00000", method: .get)
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("No certificate has the passcode 00000-00000"))
            let malformed = try await client.execute(uri: "/verify?passcode=%3Cscript%3E", method: .get)
            #expect(malformed.status == .badRequest)
            #expect(!malformed.text.contains("<script>"))
        }
    }

    @Test func uploadedJSONShowsTheSameResult() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let bytes = try #require(record.credentialJSON)
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/verify", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: bytes))
            #expect(response.status == .ok)
            #expect(response.text.contains(">VALID</h1>") && response.text.contains("Zoë Åkesson"))
        }
    }

    @Test func uploadedPDFShowsTheSameResult() async throws {
        let fixture = try await ServerFixture(documents: true)
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let pdf = try #require(record.pdf)
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/verify", method: .post, headers: [.contentType: "application/pdf"], body: ByteBuffer(bytes: pdf))
            #expect(response.status == .ok)
            #expect(response.text.contains(">VALID</h1>") && response.text.contains("Zoë Åkesson"))
        }
    }

    @Test func uploadedFormFileShowsTheSameResult() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        try await fixture.changes().revoke(record.id, reason: "test")
        let boundary = "----attestboundary7MA4YWxk"
        var body = Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"certificate\"; filename=\"c.json\"\r\nContent-Type: application/json\r\n\r\n"
                .utf8)
        body += Array(try #require(record.credentialJSON)) + Array("\r\n--\(boundary)--\r\n".utf8)
        let form = body
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/verify", method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"],
                body: ByteBuffer(bytes: form))
            #expect(response.status == .ok)
            #expect(response.text.contains(">REVOKED</h1>"))
        }
    }

    @Test func tamperedCredentialIsNotValid() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let text = String(decoding: try #require(record.credentialJSON), as: UTF8.self).replacingOccurrences(
            of: "Zoë Åkesson", with: "Mallory")
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/verify", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: text))
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains(">INVALID</h1>"))
            #expect(!response.text.contains("Mallory"))
            let garbage = try await client.execute(
                uri: "/verify", method: .post, headers: [.contentType: "application/pdf"], body: ByteBuffer(string: "%PDF-1.7 not really"))
            #expect(garbage.status == .unprocessableContent)
        }
    }

    @Test func wrongTypeAndHugeBodiesAreRefused() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let wrongType = try await client.execute(
                uri: "/verify", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "hello"))
            #expect(wrongType.status == .unsupportedMediaType)
            let huge = ByteBuffer(repeating: UInt8(ascii: "a"), count: 9 * 1024 * 1024)
            let tooLarge = try await client.execute(uri: "/verify", method: .post, headers: [.contentType: "application/json"], body: huge)
            #expect(tooLarge.status == .contentTooLarge)
            let noFile = try await client.execute(
                uri: "/verify", method: .post, headers: [.contentType: "multipart/form-data; boundary=x"], body: ByteBuffer(string: "--x--")
            )
            #expect(noFile.status == .badRequest)
        }
    }
}

@Suite("Rate limits on /verify")
struct VerifyRateLimitTests {
    @Test func lookupsPastTheLimitWaitAMinute() async throws {
        let base = try await ServerFixture()
        defer { base.remove() }
        let server = try IssuerServer(environment: base.environment, issuer: base.issuer, configuration: .init(lookupsPerMinute: 3))
        let app = Application(router: server.router())
        try await app.test(.router) { client in
            for _ in 0..<3 {
                #expect(try await client.execute(uri: "/verify?passcode=00000-00000", method: .get).status == .notFound)
            }
            let limited = try await client.execute(
                uri: "/verify?passcode=00000-00000", method: .get, headers: [.accept: "application/json"])
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "20")
            // The form itself is never limited.
            #expect(try await client.execute(uri: "/verify", method: .get).status == .ok)
            base.clock.advance(by: 21)
            #expect(try await client.execute(uri: "/verify?passcode=00000-00000", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/verify?passcode=00000-00000", method: .get).status == .tooManyRequests)
        }
    }
}
