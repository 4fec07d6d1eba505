import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

@Suite("Learner portal: magic links by email")
struct LearnerPortalTests {
    static func form(_ email: String) -> (HTTPFields, ByteBuffer) {
        let encoded = email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? email
        return ([.contentType: "application/x-www-form-urlencoded", .accept: "text/html"], ByteBuffer(string: "email=\(encoded)"))
    }

    static func links(in fixture: ServerFixture) async throws -> [OutboxMessage] {
        try await fixture.store.read { try $0.outboxMessages(state: nil) }.filter { $0.event == LearnerLinkToken.outboxEvent }
    }

    @Test func knownAndUnknownAddressesGetTheSameAnswer() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        _ = try await fixture.issue()
        try await fixture.test { client in
            let (headers, _) = Self.form("")
            let known = try await client.execute(
                uri: "/learner/login", method: .post, headers: headers, body: Self.form("U-1@example.org").1)
            let unknown = try await client.execute(
                uri: "/learner/login", method: .post, headers: headers, body: Self.form("nobody@example.org").1)
            #expect(known.status == .ok)
            #expect(known.text == unknown.text)
            #expect(known.text.contains("If we know this address"))
            #expect(known.headers[.cacheControl] == "no-store")
            let json = try await client.execute(
                uri: "/learner/login", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"email":"stranger@example.org"}"#))
            #expect(json.status == .accepted)
            #expect(try JSONValue.parse(json.text)["detail"]?.stringValue == LearnerPortalTestsText.sent)
            // A second request while the first link waits in the outbox adds nothing.
            _ = try await client.execute(uri: "/learner/login", method: .post, headers: headers, body: Self.form("u-1@example.org").1)
        }
        let links = try await Self.links(in: fixture)
        #expect(links.count == 1)
        #expect(links.first?.recipient == "u-1@example.org")
        #expect(links.first?.channel == .email)
        // The row holds the address, never a token: the token is made when the email is composed.
        #expect(links.first?.subjectID.hasPrefix("lrn-") == true)
        let token = try await fixture.links.issue(to: "u-1@example.org")
        #expect(try await fixture.links.verify(token.text)?.email == "u-1@example.org")
        #expect(token.expiresAt == fixture.clock.now.addingTimeInterval(3600))
    }

    @Test func theLinkListsTheLearnersCertificatesAndDownloadsCountAsTheirClaim() async throws {
        let fixture = try await ServerFixture(documents: true)
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let other = try await fixture.issue(id: "evt-2", learner: "u-2", name: "Ana Souza")
        try await fixture.test { client in
            let (headers, body) = Self.form("u-1@example.org")
            _ = try await client.execute(uri: "/learner/login", method: .post, headers: headers, body: body)
        }
        #expect(try await Self.links(in: fixture).count == 1)
        let token = try await fixture.links.issue(to: "u-1@example.org").text
        try await fixture.test { client in
            let page = try await client.execute(uri: "/learner/\(token)", method: .get, headers: [.accept: "text/html"])
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.text.contains("Working at Height — Level 2"))
            #expect(page.text.contains("/learner/\(token)/\(record.id).pdf"))
            #expect(page.text.contains("href=\"/c/\(record.id)\""))
            #expect(!page.text.contains(other.id))
            #expect(page.text.contains(#"<html lang="en">"#))

            let pdf = try await client.execute(uri: "/learner/\(token)/\(record.id).pdf", method: .get)
            #expect(pdf.status == .ok)
            #expect(pdf.headers[.contentType] == "application/pdf")
            #expect(Array(pdf.body.readableBytesView.prefix(5)) == Array("%PDF-".utf8))
            let json = try await client.execute(uri: "/learner/\(token)/\(record.id).json", method: .get)
            #expect(try JSONValue.parse(json.text)["id"]?.stringValue == "https://certs.example.org/c/\(record.id)")
            // Someone else's certificate is not reachable with this link, nor are other files.
            #expect(try await client.execute(uri: "/learner/\(token)/\(other.id).pdf", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/learner/\(token)/\(record.id).png", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/learner/\(token)/..%2F..%2Fetc.pdf", method: .get).status == .notFound)
        }
        let claimed = try await fixture.store.read { try $0.credential(id: record.id)?.claimedAt }
        #expect(claimed == fixture.clock.now)
        let audit = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 100).filter { $0.kind == "credential.claimed" } }
        #expect(audit.count == 1)
        #expect(audit.first?.data.contains("learnerPage") == true)
    }

    @Test func expiredForgedAndMalformedLinksAreRefusedAlike() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        _ = try await fixture.issue()
        let token = try await fixture.links.issue(to: "u-1@example.org")
        // Well-formed, right address, but 32 bytes nobody was sent.
        let forged = "v2.dS0xQGV4YW1wbGUub3Jn." + String(repeating: "A", count: 43)  // base64url of u-1@example.org
        let otherAddress = token.text.replacingOccurrences(
            of: token.text.split(separator: ".")[1], with: "dS0yQGV4YW1wbGUub3Jn")  // base64url of u-2@example.org
        try await fixture.test { client in
            #expect(try await client.execute(uri: "/learner/\(token.text)", method: .get).status == .ok)
            for bad in [forged, otherAddress, "v1.x.1.key-1.y", String(repeating: "a", count: 700), "login.pdf"] {
                let response = try await client.execute(uri: "/learner/\(bad)", method: .get, headers: [.accept: "application/json"])
                #expect(response.status == .notFound, "\(bad.prefix(40))")
                #expect(try JSONValue.parse(response.text)["code"]?.stringValue == "linkInvalid" || bad == "login.pdf")
            }
            fixture.clock.advance(by: 3600 + 1)
            let expired = try await client.execute(uri: "/learner/\(token.text)", method: .get, headers: [.accept: "text/html"])
            #expect(expired.status == .notFound)
            #expect(expired.text.contains("ask for a new one"))
        }
    }

    @Test func badLoginRequestsAreRefusedAndLimited() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let server = try IssuerServer(environment: fixture.environment, issuer: fixture.issuer, configuration: .init(lookupsPerMinute: 5))
        let app = Application(router: server.router())
        try await app.test(.router) { client in
            let page = try await client.execute(uri: "/learner/login", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<label for="email">"#))
            func post(_ type: String, _ body: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/learner/login", method: .post, headers: [.contentType: type], body: ByteBuffer(string: body))
            }
            #expect(try await post("text/plain", "email=a@b.org").status == .unsupportedMediaType)
            #expect(try await post("application/json", #"{"mail":"a@b.org"}"#).status == .badRequest)
            #expect(try await post("application/json", #"{"email":"not an address"}"#).status == .badRequest)
            let badForm = try await post("application/x-www-form-urlencoded", "email=%ZZ")
            #expect(badForm.status == .badRequest)
            #expect(badForm.text.contains("That is not an email address."))
            #expect(
                try await post("application/json", #"{"email":""# + String(repeating: "a", count: 5000) + #"@b.org"}"#).status
                    == .contentTooLarge)
            let limited = try await post("application/json", #"{"email":"a@b.org"}"#)
            #expect(limited.status == .tooManyRequests)
        }
        #expect(try await Self.links(in: fixture).isEmpty)
    }
}

enum LearnerPortalTestsText {
    static let sent = "If we know this address, a link to your certificates is on its way. It works for 1 hour."
}
