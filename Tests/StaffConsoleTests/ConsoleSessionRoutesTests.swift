import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import StaffConsole
import Testing

/// The console's HTTP edge: cookie flags, CSRF and Origin checks, roles on the server, the
/// same answer for known and unknown addresses, rate limits.
@Suite("Console sessions over HTTP")
struct ConsoleSessionRoutesTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test("over https the cookie is __Host-, Secure, HttpOnly, SameSite=Strict, Path=/; over http it is not Secure")
    func cookieFlags() async throws {
        for (base, name, secure) in [
            ("https://certs.example.org", "__Host-attest_console", true), ("http://127.0.0.1:8080", "attest_console", false),
        ] {
            let fixture = try await ConsoleFixture(baseURL: base)
            defer { fixture.remove() }
            let ana = try await StaffAccounts(environment: fixture.environment, actor: "cli").add(
                email: "ana@example.org", name: "Ana", role: .admin)
            let link = try await StaffSignIn(environment: fixture.environment).issueLink(to: ana)
            try await fixture.application().test(.router) { client in
                let response = try await client.execute(
                    uri: "/console/sign-in", method: .post, headers: Self.form, body: ByteBuffer(string: "token=\(link.token)"))
                #expect(response.status == .seeOther)
                let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix(name + "=") })
                #expect(cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Strict") && cookie.contains("; Path=/"))
                #expect(cookie.contains("; Secure") == secure)
                #expect(!cookie.contains("Domain="))
            }
        }
    }

    @Test("a POST without the CSRF token, with a wrong one, or from another origin is 403 and changes nothing")
    func csrfAndOrigin() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let admin = try await fixture.signIn(role: .admin)
        try await fixture.application().test(.router) { client in
            let fields = [("email", "new@example.org"), ("name", "New"), ("role", "viewer")]
            var response = try await client.execute(
                uri: "/console/settings/staff", method: .post, headers: admin.formHeaders, body: admin.form(fields, withCSRF: false))
            #expect(response.status == .forbidden)
            response = try await client.execute(
                uri: "/console/settings/staff", method: .post, headers: admin.formHeaders,
                body: admin.form([("csrf", String(repeating: "A", count: 43))] + fields, withCSRF: false))
            #expect(response.status == .forbidden)
            var foreign = admin.formHeaders
            foreign[.origin] = "https://evil.example"
            response = try await client.execute(uri: "/console/settings/staff", method: .post, headers: foreign, body: admin.form(fields))
            #expect(response.status == .forbidden)
            #expect(try await fixture.store.read { try $0.staffMember(email: "new@example.org") } == nil)
            // The same form with the token is accepted: the refusals were the token's and the origin's.
            response = try await client.execute(
                uri: "/console/settings/staff", method: .post, headers: admin.formHeaders, body: admin.form(fields))
            #expect(response.status == .seeOther)
            #expect(try await fixture.store.read { try $0.staffMember(email: "new@example.org") } != nil)
        }
    }

    @Test(
        "roles are enforced on the server: a viewer's and a reviewer's forged admin POSTs are 403",
        arguments: [StaffRole.viewer, .reviewer, .issuer])
    func rolesOnTheServer(role: StaffRole) async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let person = try await fixture.signIn(role: role)
        try await fixture.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/console/settings/two-factor", method: .post, headers: person.formHeaders, body: person.form([("required", "on")]))
            #expect(response.status == .forbidden)
            #expect(try await fixture.store.read { try $0.staffSettings().requireSecondFactor } == false)
            let page = try await client.execute(uri: "/console/settings", method: .get, headers: person.headers)
            #expect(page.status == .ok)
            #expect(!page.text.contains("Add a member of staff"))
        }
    }

    @Test("known and unknown addresses get the same answer; the sixth request for one address in 15 minutes is refused")
    func sameAnswerAndRateLimit() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        _ = try await StaffAccounts(environment: fixture.environment, actor: "cli").add(email: "ana@example.org", name: "Ana", role: .admin)
        try await fixture.application().test(.router) { client in
            let known = try await client.execute(
                uri: "/console/login", method: .post, headers: Self.form, body: ByteBuffer(string: "email=ana%40example.org"))
            let unknown = try await client.execute(
                uri: "/console/login", method: .post, headers: Self.form, body: ByteBuffer(string: "email=bob%40example.org"))
            #expect(known.status == .ok && unknown.status == .ok)
            #expect(known.text == unknown.text)
            for _ in 0..<4 {
                _ = try await client.execute(
                    uri: "/console/login", method: .post, headers: Self.form, body: ByteBuffer(string: "email=ana%40example.org"))
            }
            let sixth = try await client.execute(
                uri: "/console/login", method: .post, headers: Self.form, body: ByteBuffer(string: "email=ana%40example.org"))
            #expect(sixth.status == .tooManyRequests)
            fixture.clock.advance(by: 15 * 60)
            let later = try await client.execute(
                uri: "/console/login", method: .post, headers: Self.form, body: ByteBuffer(string: "email=ana%40example.org"))
            #expect(later.status == .ok)
        }
    }

    @Test("signing out ends the session on the server: the old cookie opens nothing")
    func signOut() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let admin = try await fixture.signIn(role: .admin)
        try await fixture.application().test(.router) { client in
            #expect(try await client.execute(uri: "/console/account", method: .get, headers: admin.headers).status == .ok)
            let out = try await client.execute(uri: "/console/sign-out", method: .post, headers: admin.formHeaders, body: admin.form([]))
            #expect(out.status == .seeOther)
            #expect(out.headers[values: .setCookie].contains { $0.contains("Max-Age=0") })
            let after = try await client.execute(uri: "/console/account", method: .get, headers: admin.headers)
            #expect(after.status == .seeOther)
            #expect(after.headers[.location]?.hasPrefix("/console/login") == true)
        }
    }
}
