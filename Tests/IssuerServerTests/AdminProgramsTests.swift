import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

@Suite("Admin API: programs")
struct AdminProgramsTests {
    static let program = """
        {"id":"first-aid","version":1,"achievement":{"name":"First Aid at Work","description":"Emergency first aid.","criteria":"Attend and pass."},
         "template":"completion","branding":{"primaryColor":"#114477"},"validity":"P3Y","rules":{"requiredModules":["cpr"],"minimumScore":70}}
        """

    @Test func issuersAddProgramsViewersReadThem() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            func post(_ body: String, _ token: String?) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/programs", method: .post, headers: ServerFixture.bearer(token), body: ByteBuffer(string: body))
            }
            let minimal = #"{"id":"minimal","version":1,"achievement":{"name":"x","description":"y","criteria":"z"},"rules":{}}"#
            #expect(try await post(minimal, tokens["admin"]).status == .created)
            #expect(try await post(Self.program, tokens["viewer"]).status == .forbidden)
            #expect(try await post(Self.program, tokens["lms"]).status == .forbidden)
            let created = try await post(Self.program, tokens["issuer"])
            #expect(created.status == .created)
            #expect(created.headers[.location] == "/api/v1/programs/first-aid")
            #expect(try JSONValue.parse(created.text)["rules"]?["minimumScore"]?.numberValue == 70)
            // The same definition again changes nothing; a changed one needs a higher version.
            #expect(try await post(Self.program, tokens["admin"]).status == .ok)
            let stale = try await post(Self.program.replacingOccurrences(of: "P3Y", with: "P2Y"), tokens["admin"])
            #expect(stale.status == .conflict)
            #expect(try JSONValue.parse(stale.text)["code"]?.stringValue == "staleProgram")
            let raised = try await post(
                Self.program.replacingOccurrences(of: "P3Y", with: "P2Y").replacingOccurrences(of: #""version":1"#, with: #""version":2"#),
                tokens["admin"])
            #expect(raised.status == .ok)

            let viewer = ServerFixture.bearer(tokens["viewer"], json: false)
            let list = try await client.execute(uri: "/api/v1/programs", method: .get, headers: viewer)
            let ids = try JSONValue.parse(list.text)["programs"]?.asArray.compactMap { $0["id"]?.stringValue }
            #expect(ids == ["first-aid", "minimal", "working-at-height-2"])
            let shown = try await client.execute(uri: "/api/v1/programs/first-aid", method: .get, headers: viewer)
            #expect(try JSONValue.parse(shown.text)["version"]?.numberValue == 2)
            #expect(try JSONValue.parse(shown.text)["validity"]?.stringValue == "P2Y")
            #expect(try await client.execute(uri: "/api/v1/programs/nosuch", method: .get, headers: viewer).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/programs/..%2Fx", method: .get, headers: viewer).status == .notFound)
        }
        let audited = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 100).filter { $0.kind == "program.saved" } }
        #expect(audited.map(\.actor) == ["api:admin", "api:issuer", "api:admin"])
    }

    @Test(arguments: [
        (
            #"{"id":"Bad Id","version":1,"achievement":{"name":"x","description":"y","criteria":"z"},"template":"completion","branding":{},"rules":{}}"#,
            "invalidProgram"
        ),
        (
            #"{"id":"a","version":1,"achievement":{"description":"y","criteria":"z"},"template":"completion","branding":{},"rules":{}}"#,
            "invalidProgram"
        ),
        (
            #"{"id":"a","version":"one","achievement":{"name":"x","description":"y","criteria":"z"},"template":"completion","branding":{},"rules":{}}"#,
            "invalidProgram"
        ),
        (
            #"{"id":"a","version":1,"achievement":{"name":"x","description":"y","criteria":"z"},"template":"poster","branding":{},"rules":{}}"#,
            "invalidProgram"
        ),
        (
            #"{"id":"a","version":1,"achievement":{"name":"x","description":"y","criteria":"z"},"template":"completion","branding":{"logo":"../../etc/passwd"},"rules":{}}"#,
            "invalidProgram"
        ),
        (#"{"id":"a","version":1,"achievement":{"name":"x","description":"y","criteria":"z"},"rules":{},"colour":"red"}"#, "invalidProgram"),
        (#"{"id":"a","version":1,"achievement":{"name":"x","description":"y","criteria":"z","badge":1},"rules":{}}"#, "invalidProgram"),
        (#"{"id":"a","version":1,"achievement":{"name":"x","description":"y","criteria":"z"},"rules":{"minimumMinutes":-1}}"#, "invalidProgram"),
        (#"{"id":"a","version":1,"achievement":{"name":"x","description":"y","criteria":"z"},"branding":{"pageSize":"a3"},"rules":{}}"#, "invalidProgram"),
        (#"{"id":"a","version":1,"achievement":{"name":"x","description":"y","criteria":"z"},"validity":null,"rules":{}}"#, "invalidProgram"),
        (#"[1,2]"#, "badRequest"),
        (#"{"id":"a""#, "badRequest"),
    ])
    func badProgramsAreRefusedWithAProblem(body: String, code: String) async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/api/v1/programs", method: .post, headers: ServerFixture.bearer(tokens["admin"]), body: ByteBuffer(string: body))
            #expect((400..<500).contains(response.status.code))
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(try JSONValue.parse(response.text)["code"]?.stringValue == code)
        }
    }

    @Test func wrongContentTypeAndHugeBodiesAreRefused() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            var form = ServerFixture.bearer(tokens["admin"], json: false)
            form[.contentType] = "text/plain"
            let wrongType = try await client.execute(uri: "/api/v1/programs", method: .post, headers: form, body: ByteBuffer(string: "{}"))
            #expect(wrongType.status == .unsupportedMediaType)
            let huge = ByteBuffer(string: #"{"id":""# + String(repeating: "a", count: 300_000) + #""}"#)
            let tooLarge = try await client.execute(
                uri: "/api/v1/programs", method: .post, headers: ServerFixture.bearer(tokens["admin"]), body: huge)
            #expect(tooLarge.status == .contentTooLarge)
        }
    }
}
