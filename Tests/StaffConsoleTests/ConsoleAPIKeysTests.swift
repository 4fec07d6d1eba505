import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import Testing

@testable import StaffConsole

/// Settings → API keys through the real routes: administrators only, CSRF, the token on the
/// answer to the form and never again, the allow-list checked as the CLI checks it, every change
/// audited under the member of staff.
@Suite("Console API keys")
struct ConsoleAPIKeysTests {
    static func token(in page: String) throws -> String {
        let start = try #require(page.range(of: "id=\"token\" readonly value=\"attest_"))
        return String(page[page.index(start.upperBound, offsetBy: -"attest_".count)...].prefix(71))
    }

    @Test func anAdminMakesRotatesAndRevokesAKeyAndSeesItsTokenOnlyOnce() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let admin = try await fixture.signIn(role: .admin)
        try await fixture.application().test(.router) { client in
            let made = try await client.execute(
                uri: "/console/settings/api-keys", method: .post, headers: admin.formHeaders,
                body: admin.form([("name", "Moodle <main>"), ("role", "lms"), ("expires", ""), ("allowed", "10.0.0.0/8\r\n2001:db8::/32")]))
            #expect(made.status == .ok)
            let token = try Self.token(in: made.text)
            #expect(made.text.contains("Secret for signing events"))
            let key = try #require(try await fixture.store.read { try $0.apiKeys() }.first)
            #expect(key.tokenHash == APIKeyToken.hash(token) && key.requiresHMAC && key.role == .lms)
            #expect(key.allowedNetworks.map(\.description) == ["10.0.0.0/8", "2001:db8:0:0:0:0:0:0/32"])
            #expect(made.text.contains("Moodle &lt;main&gt;"))

            let list = try await client.execute(uri: "/console/settings/api-keys", method: .get, headers: admin.headers).text
            #expect(list.contains("10.0.0.0/8") && list.contains("Moodle &lt;main&gt;"))
            for secret in [token, key.tokenHash, key.hmacSecret ?? "-"] { #expect(!list.contains(secret)) }

            let rotated = try await client.execute(
                uri: "/console/settings/api-keys/\(key.id)/rotate", method: .post, headers: admin.formHeaders,
                body: admin.form([("overlap", "2")]))
            let newToken = try Self.token(in: rotated.text)
            let stored = try #require(try await fixture.store.read { try $0.apiKey(id: key.id) })
            #expect(stored.tokenHash == APIKeyToken.hash(newToken) && stored.previousTokenHash == key.tokenHash)
            #expect(stored.previousTokenValidUntil == fixture.clock.now.addingTimeInterval(7_200))
            let tooLong = try await client.execute(
                uri: "/console/settings/api-keys/\(key.id)/rotate", method: .post, headers: admin.formHeaders,
                body: admin.form([("overlap", "721")]))
            #expect(tooLong.status == .badRequest && tooLong.text.contains("from 0 to 720"))

            let revoked = try await client.execute(
                uri: "/console/settings/api-keys/\(key.id)/revoke", method: .post, headers: admin.formHeaders, body: admin.form([]))
            #expect(revoked.status == .seeOther)
            #expect(try await fixture.store.read { try $0.apiKey(id: key.id) }?.revokedAt != nil)
        }
        let audit = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 100) }.filter { $0.kind.hasPrefix("apiKey.") }
        #expect(audit.map(\.kind) == ["apiKey.created", "apiKey.rotated", "apiKey.revoked"])
        #expect(audit.allSatisfy { $0.actor == admin.member.auditActor })
    }

    @Test func badInputIsRefusedBesideItsFieldAndNothingIsStored() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let admin = try await fixture.signIn(role: .admin)
        try await fixture.application().test(.router) { client in
            for (fields, message) in [
                ([("name", "x"), ("role", "viewer"), ("allowed", "10.0.0.1/8")], "10.0.0.1/8 is not an IP address block"),
                ([("name", "x"), ("role", "viewer"), ("allowed", "fe80::1%eth0")], "is not an IP address block"),
                ([("name", "x"), ("role", "viewer"), ("expires", "2001-01-01")], "must be in the future"),
                ([("name", "x"), ("role", "viewer"), ("expires", "2099-02-30")], "a real date"),
                ([("name", ""), ("role", "viewer")], "Enter a name"),
                ([("name", "x"), ("role", "root")], "Choose what the key may do"),
            ] {
                let answer = try await client.execute(
                    uri: "/console/settings/api-keys", method: .post, headers: admin.formHeaders, body: admin.form(fields))
                #expect(answer.status == .badRequest, "\(fields)")
                #expect(answer.text.contains(message) && answer.text.contains("There is a problem"), "\(fields)")
            }
        }
        #expect(try await fixture.store.read { try $0.apiKeys() }.isEmpty)
    }

    @Test(arguments: [StaffRole.issuer, .reviewer, .viewer])
    func onlyAdministratorsSeeOrChangeKeys(role: StaffRole) async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let admin = try await fixture.signIn(role: .admin)
        let other = try await fixture.signIn(role: role)
        try await fixture.application().test(.router) { client in
            #expect(try await client.execute(uri: "/console/settings/api-keys", method: .get, headers: other.headers).status == .forbidden)
            let forged = try await client.execute(
                uri: "/console/settings/api-keys", method: .post, headers: other.formHeaders,
                body: other.form([("name", "mine"), ("role", "admin")]))
            #expect(forged.status == .forbidden)
            let noToken = try await client.execute(
                uri: "/console/settings/api-keys", method: .post, headers: admin.formHeaders,
                body: admin.form([("name", "mine"), ("role", "admin")], withCSRF: false))
            #expect(noToken.status == .forbidden)
        }
        #expect(try await fixture.store.read { try $0.apiKeys() }.isEmpty)
    }
}
