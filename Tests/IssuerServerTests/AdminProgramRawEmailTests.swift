import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerServer
import Testing

/// Issue 14 item 11 over the admin API: the same refusal as `attest programs add`, as a problem.
@Suite("Admin API: program emails without raw interpolation")
struct AdminProgramRawEmailTests {
    static func program(html: String) -> String {
        let email: JSONValue = ["html": .string(html)]
        return #"{"id":"raw","version":1,"achievement":{"name":"x","description":"y","criteria":"z"},"rules":{},"email":"#
            + email.serialized() + "}"
    }

    @Test(arguments: [
        ("<html lang=\"en\">{{{learnerName}}}</html>", "{{{learnerName}}} inserts learnerName without escaping"),
        ("<html lang=\"en\">{{&learnerName}}</html>", "{{&learnerName}} inserts learnerName without escaping"),
        ("<html lang=\"en\">{{=<% %>=}}<%&learnerName%></html>", "delimiter changes"),
    ])
    func rawInterpolationIsAProblem(html: String, detail: String) async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/api/v1/programs", method: .post, headers: ServerFixture.bearer(tokens["admin"]),
                body: ByteBuffer(string: Self.program(html: html)))
            #expect(response.status == .unprocessableContent, "\(response.status)")
            let problem = try JSONValue.parse(response.text)
            #expect(problem["code"]?.stringValue == "invalidProgram")
            #expect(problem["detail"]?.stringValue?.contains("email.html, line 1: ") == true, "\(response.text)")
            #expect(problem["detail"]?.stringValue?.contains(detail) == true, "\(response.text)")
            let ok = try await client.execute(
                uri: "/api/v1/programs", method: .post, headers: ServerFixture.bearer(tokens["admin"]),
                body: ByteBuffer(string: Self.program(html: "<html lang=\"en\">{{learnerName}}</html>")))
            #expect(ok.status == .created, "\(ok.text)")
        }
    }
}
