import CanonicalJSON
import Foundation
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

/// The compliance API and the live section of a compliance certificate's page.
@Suite("Training API and the live compliance page")
struct TrainingRoutesTests {
    static let configuration = """
        {"id":"site-electricians","group":"Site electricians","reminderLeadTime":"PT10S",
         "modules":[{"id":"electrical-safety","name":"Electrical safety","validity":"P1Y"},
                    {"id":"live-line-demo","name":"Live-line demo","validity":"PT30S"},
                    {"id":"confined-spaces","name":"Confined spaces","validity":"P6M","required":false}],
         "certificate":{"enabled":true}}
        """

    func post(_ client: any TestClientProtocol, _ uri: String, _ body: String, token: String?) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: ServerFixture.bearer(token), body: ByteBuffer(string: body))
    }

    @Test("a worker completes the training through the API; the page turns INVALID the moment a module expires; removal suspends")
    func lifecycle() async throws {
        let fixture = try await ServerFixture(documents: true)
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let clock = fixture.clock
        try await fixture.test { client in
            #expect(
                try await post(client, "/api/v1/training/configurations", Self.configuration, token: tokens["viewer"]).status == .forbidden)
            let saved = try await post(client, "/api/v1/training/configurations", Self.configuration, token: tokens["admin"])
            #expect(saved.status == .ok, "\(saved.text)")
            let stray = Self.configuration.replacingOccurrences(of: "\"reminderLeadTime\"", with: "\"colour\":\"red\",\"reminderLeadTime\"")
            #expect(
                try await post(client, "/api/v1/training/configurations", stray, token: tokens["admin"]).status == .unprocessableContent)
            let listed = try await client.execute(
                uri: "/api/v1/training/configurations", method: .get, headers: ServerFixture.bearer(tokens["viewer"], json: false))
            #expect(try JSONValue.parse(listed.text)["configurations"]?.asArray.count == 1)

            let joined = try await post(
                client, "/api/v1/workers/W-1001/assignments",
                #"{"configuration":"site-electricians","email":"ana@example.org","name":"Ana Lima"}"#, token: tokens["issuer"])
            #expect(joined.status == .created, "\(joined.text)")
            #expect(try JSONValue.parse(joined.text)["status"]?.stringValue == "INVALID")
            _ = try await post(client, "/api/v1/workers/W-1001/completions", #"{"module":"electrical-safety"}"#, token: tokens["issuer"])
            let done = try await post(
                client, "/api/v1/workers/W-1001/completions", #"{"module":"live-line-demo"}"#, token: tokens["issuer"])
            let outcome = try JSONValue.parse(done.text)["outcomes"]?.asArray.first
            #expect(outcome?["action"]?.stringValue == "issued", "\(done.text)")
            let id = try #require(outcome?["credentialId"]?.stringValue)

            let worker = try await client.execute(
                uri: "/api/v1/workers/W-1001", method: .get, headers: ServerFixture.bearer(tokens["viewer"], json: false))
            #expect(try JSONValue.parse(worker.text)["configurations"]?.asArray.first?["status"]?.stringValue == "VALID")
            let valid = try await client.execute(uri: "/c/\(id)", method: .get, headers: [.accept: "text/html"])
            #expect(valid.text.contains(">VALID</h1>"))
            #expect(valid.text.contains("live training state as of 2026-11-23 09:00 UTC"))

            clock.advance(by: 30)
            let expired = try await client.execute(uri: "/c/\(id)", method: .get, headers: [.accept: "text/html"])
            #expect(expired.text.contains(">INVALID</h1>"), "live, before any scheduler tick")
            #expect(expired.text.contains("<td>Live-line demo</td><td>EXPIRED</td>"))

            let pdf = try await client.execute(
                uri: "/api/v1/workers/W-1001/history.pdf", method: .get, headers: ServerFixture.bearer(tokens["admin"], json: false))
            #expect(pdf.status == .ok)
            #expect(pdf.headers[.contentType] == "application/pdf")
            #expect(String(buffer: pdf.body).hasPrefix("%PDF-"))

            clock.advance(by: -30)
            let removed = try await client.execute(
                uri: "/api/v1/workers/W-1001/completions?module=electrical-safety&reason=wrong%20worker", method: .delete,
                headers: ServerFixture.bearer(tokens["issuer"], json: false))
            #expect(try JSONValue.parse(removed.text)["outcomes"]?.asArray.first?["action"]?.stringValue == "suspended", "\(removed.text)")
            let unknown = try await client.execute(
                uri: "/api/v1/workers/NOBODY", method: .get, headers: ServerFixture.bearer(tokens["viewer"], json: false))
            #expect(unknown.status == .notFound)
        }
    }
}
