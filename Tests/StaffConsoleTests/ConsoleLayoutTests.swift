import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import StaffConsole
import Testing

@Suite("Console layout and escaping")
struct ConsoleLayoutTests {
    @Test("interpolated text is escaped by byte, HTML values are inserted as they are")
    func htmlInterpolation() {
        let name = "<script>alert(\"x\")</script> & O'Neil"
        let cell: HTML = "<td>\(name)</td>"
        #expect(cell.rendered == "<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Neil</td>")
        let row: HTML = "<tr>\(cell)</tr>"
        #expect(row.rendered == "<tr>" + cell.rendered + "</tr>")
    }

    @Test("the layout names page and issuer in the title, sets lang, a skip link and the stylesheet, and escapes the issuer")
    func layoutFrame() throws {
        let layout = try ConsoleLayout(issuerName: "Example <Safety> Training")
        let member = StaffMember(id: "staff_1", email: "ana@example.org", name: "Ana \"Lima\"", role: .reviewer, createdAt: Date())
        let session = StaffSession(member: member, csrfToken: "token-123", sessionHash: "h", createdAt: Date())
        let html = layout.render(ConsolePage(title: "Review", section: .review, body: "<h1>Review</h1>"), session: session, reviewCount: 3)
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("<title>Review — Staff console — Example &lt;Safety&gt; Training</title>"))
        #expect(html.contains("<a class=\"skip-link\" href=\"#main\">"))
        #expect(html.contains("href=\"/console/assets/console.css\""))
        #expect(html.contains("Ana &quot;Lima&quot;"))
        #expect(html.contains("name=\"csrf\" value=\"token-123\""))
        #expect(html.contains("<a href=\"/console/review\" aria-current=\"page\">Review <span class=\"count\">3"))
        for section in ConsoleSection.allCases { #expect(html.contains("href=\"\(section.path)\"")) }
    }

    @Test("roles: a viewer changes nothing, a reviewer only decides reviews, an issuer changes credentials, only an admin administers")
    func roles() {
        #expect(StaffRole.allCases.allSatisfy { $0.may(.view) })
        #expect(!StaffRole.viewer.may(.decideReviews) && !StaffRole.viewer.may(.changeCredentials) && !StaffRole.viewer.may(.administer))
        #expect(
            StaffRole.reviewer.may(.decideReviews) && !StaffRole.reviewer.may(.changeCredentials) && !StaffRole.reviewer.may(.administer))
        #expect(StaffRole.issuer.may(.changeCredentials) && StaffRole.issuer.may(.decideReviews) && !StaffRole.issuer.may(.administer))
        #expect(StaffRole.admin.may(.administer) && StaffRole.admin.may(.changeCredentials))
    }

    @Test("a console page without a session goes to sign-in and carries where the person was")
    func signInRedirect() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            let response = try await client.execute(uri: "/console/learners?query=ana", method: .get)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/console/login?next=%2Fconsole%2Flearners%3Fquery%3Dana")
            let login = try await client.execute(uri: "/console/login?next=%2Fconsole%2Flearners", method: .get)
            #expect(login.status == .ok)
            #expect(login.text.contains("name=\"next\" value=\"/console/learners\""))
            #expect(login.headers[.contentSecurityPolicy]?.contains("style-src 'self'") == true)
            let css = try await client.execute(uri: "/console/assets/console.css", method: .get)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.text.contains("--brand: #1d3f6e"))
        }
    }

    @Test("a next= that leaves the console is not followed")
    func foreignNextIgnored() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            for next in ["//evil.example/console/", "https://evil.example/", "/console/login", "/consolex"] {
                let encoded = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let login = try await client.execute(uri: "/console/login?next=\(encoded)", method: .get)
                #expect(!login.text.contains("name=\"next\""), "next=\(next)")
            }
        }
    }
}
