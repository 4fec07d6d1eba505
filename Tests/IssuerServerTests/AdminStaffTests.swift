import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

/// Issue 17 point 1 over the admin API: `attest staff add | list | disable` as
/// `/api/v1/staff`, admin keys only, the same rules as the CLI, audited under the key.
@Suite("Admin API: staff console accounts")
struct AdminStaffTests {
    @Test func adminsAddListAndDisableStaffAndOtherRolesAreRefused() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let body = ByteBuffer(string: #"{"email": "Ana@Example.org", "name": "Ana Lima", "role": "reviewer"}"#)
        try await fixture.test { (client) async throws in
            for role in ["viewer", "issuer", "lms"] {
                let refused = try await client.execute(
                    uri: "/api/v1/staff", method: .post, headers: ServerFixture.bearer(tokens[role]), body: body)
                #expect(refused.status == .forbidden, "\(role)")
                #expect(
                    try await client.execute(uri: "/api/v1/staff", method: .get, headers: ServerFixture.bearer(tokens[role], json: false))
                        .status == .forbidden)
            }
            let added = try await client.execute(
                uri: "/api/v1/staff", method: .post, headers: ServerFixture.bearer(tokens["admin"]), body: body)
            #expect(added.status == .created)
            let member = try JSONValue.parse(added.text)
            #expect(member["email"]?.stringValue == "ana@example.org")
            #expect(member["role"]?.stringValue == "reviewer" && member["state"]?.stringValue == "active")
            let again = try await client.execute(
                uri: "/api/v1/staff", method: .post, headers: ServerFixture.bearer(tokens["admin"]), body: body)
            #expect(again.status == .conflict)
            for bad in [
                #"{"email": "not-an-address", "name": "X", "role": "viewer"}"#,
                #"{"email": "x@example.org", "name": "X", "role": "owner"}"#, "[]",
            ] {
                let refused = try await client.execute(
                    uri: "/api/v1/staff", method: .post, headers: ServerFixture.bearer(tokens["admin"]), body: ByteBuffer(string: bad))
                #expect(refused.status == .badRequest, "\(bad)")
            }
            let id = try #require(member["id"]?.stringValue)
            let disabled = try await client.execute(
                uri: "/api/v1/staff/\(id)/disable", method: .post, headers: ServerFixture.bearer(tokens["admin"], json: false))
            #expect(disabled.status == .ok)
            #expect(try JSONValue.parse(disabled.text)["state"]?.stringValue == "disabled")
            let missing = try await client.execute(
                uri: "/api/v1/staff/staff-nobody/disable", method: .post, headers: ServerFixture.bearer(tokens["admin"], json: false))
            #expect(missing.status == .notFound)
            let listed = try await client.execute(
                uri: "/api/v1/staff", method: .get, headers: ServerFixture.bearer(tokens["admin"], json: false))
            #expect(listed.status == .ok && !listed.text.contains("totp"))
        }
        let audit = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 1000) }
        #expect(audit.contains { $0.kind == "staff.added" && $0.actor == "api:admin" })
        #expect(audit.contains { $0.kind == "staff.disabled" && $0.actor == "api:admin" })
    }
}
