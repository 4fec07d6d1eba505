import CanonicalJSON
import Foundation
import HTTPTypes
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

@Suite("The verification page at /c/{id}")
struct VerificationPageTests {
    static let html: HTTPFields = [.accept: "text/html"]

    func page(_ fixture: ServerFixture, _ id: String) async throws -> (HTTPResponse.Status, String) {
        try await fixture.test { client in
            let response = try await client.execute(uri: "/c/\(id)", method: .get, headers: Self.html)
            return (response.status, response.text)
        }
    }

    @Test func validShowsWhatWasSignedAndTheKey() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let (status, text) = try await page(fixture, record.id)
        #expect(status == .ok)
        #expect(text.contains(#"<h1 id="verdict">VALID</h1>"#))
        #expect(text.contains(#"<html lang="en">"#))
        #expect(text.contains("Zoë Åkesson"))
        #expect(text.contains("Working at Height — Level 2"))
        #expect(text.contains("Example Safety Training"))
        #expect(text.contains("<dd>92</dd>"))
        #expect(text.contains("ladders") && text.contains("scaffolds") && text.contains("harness"))
        #expect(text.contains("✓ The issuer&#39;s Ed25519 signature was checked"))
        #expect(text.contains("\(fixture.issuer.did)#key-1"))
        #expect(text.contains(#"href="/c/\#(record.id).json""#))
        #expect(text.contains(#"<meta property="og:title""#))
        // "Add to LinkedIn profile" goes through the share counter, which redirects (EngagementTests).
        #expect(text.contains(#"href="https://certs.example.org/c/\#(record.id)/share/linkedin""#))
    }

    @Test func revokedSuspendedAndReinstated() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        try await fixture.makeProgramSuspendable()
        let first = try await fixture.issue()
        let second = try await fixture.issue(id: "evt-2", learner: "u-2", name: "Ana Souza")
        try await fixture.changes().revoke(first.id, reason: "issued in error")
        try await fixture.changes().suspend(second.id, reason: "refresher overdue")
        let (revokedStatus, revoked) = try await page(fixture, first.id)
        #expect(revokedStatus == .ok)
        #expect(revoked.contains(">REVOKED</h1>") && revoked.contains("Reason: issued in error"))
        #expect(!revoked.contains("/share/linkedin"))
        let (_, suspended) = try await page(fixture, second.id)
        #expect(suspended.contains(">SUSPENDED</h1>") && suspended.contains("refresher overdue"))
        #expect(!suspended.contains("/share/linkedin"))
        try await fixture.changes().reinstate(second.id)
        let (_, reinstated) = try await page(fixture, second.id)
        #expect(reinstated.contains(">VALID</h1>") && reinstated.contains("/share/linkedin"))
    }

    @Test func expiredWhenTheClockPassesValidUntil() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        fixture.clock.advance(by: 3 * 366 * 24 * 3600)
        let (_, text) = try await page(fixture, record.id)
        #expect(text.contains(">EXPIRED</h1>"))
        #expect(!text.contains("/share/linkedin"))
    }

    @Test func supersededLinksToTheNewVersion() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let newer = try await fixture.changes().reissue(record.id, newName: "Zoe Akesson")
        let (_, old) = try await page(fixture, record.id)
        #expect(old.contains(">SUPERSEDED</h1>"))
        #expect(old.contains(#"href="/c/\#(newer.id)""#))
        let (_, current) = try await page(fixture, newer.id)
        #expect(current.contains(">VALID</h1>") && current.contains("Zoe Akesson"))
    }

    @Test func hostileNamesAreEscaped() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue(name: #"<script>alert("x")</script> & 'Bobby'"#)
        let (status, text) = try await page(fixture, record.id)
        #expect(status == .ok)
        #expect(!text.contains("<script>"))
        #expect(text.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Bobby&#39;"))
    }

    /// A quote or `<` followed by a combining mark is one Swift `Character` but still ends an HTML
    /// attribute: Mustache's own escaping let it through.
    @Test func quotesWithCombiningMarksAreEscaped() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue(name: "Zo\"\u{301} onfocus=alert(1) <\u{301}b>")
        let (status, text) = try await page(fixture, record.id)
        #expect(status == .ok)
        // By bytes, as a browser reads them (String.contains would compare whole Characters).
        let bytes = Array(text.utf8)
        func occurs(_ needle: String) -> Bool {
            let pattern = Array(needle.utf8)
            return bytes.indices.dropLast(pattern.count - 1).contains { Array(bytes[$0..<$0 + pattern.count]) == pattern }
        }
        #expect(!occurs("\"\u{301}") && !occurs("<\u{301}"))
        #expect(occurs("Zo&quot;\u{301} onfocus=alert(1) &lt;\u{301}b&gt;"))
    }

    @Test(arguments: ["山田 太郎", "Ελένη Παπαδοπούλου", "محمد عبد الله", "Ольга Иванова"])
    func nonLatinNamesAreShownAsSigned(name: String) async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue(name: name)
        let (_, text) = try await page(fixture, record.id)
        #expect(text.contains("<dd>\(name)</dd>"))
        #expect(text.contains(#"<meta charset="utf-8">"#))
    }

    @Test func pagesSayNotToBeFramedOrLoadOthers() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/c/\(record.id)", method: .get, headers: Self.html)
            #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
        }
    }
}
