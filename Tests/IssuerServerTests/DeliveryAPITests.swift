import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

@Suite("API: resend and the outbox")
struct DeliveryAPITests {
    @Test func issuersResendToTheLearnerOrAnotherAddress() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let record = try await fixture.issue()
        try await fixture.test { client in
            func resend(_ id: String, _ token: String?, _ body: String? = nil) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/credentials/\(id)/resend", method: .post, headers: ServerFixture.bearer(token, json: body != nil),
                    body: body.map { ByteBuffer(string: $0) })
            }
            #expect(try await resend(record.id, tokens["viewer"]).status == .forbidden)
            #expect(try await resend(record.id, tokens["lms"]).status == .forbidden)
            #expect(try await resend(record.id, nil).status == .unauthorized)
            #expect(try await resend("NOPE", tokens["issuer"]).status == .notFound)
            let bad = try await resend(record.id, tokens["admin"], #"{"to":"not an address"}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(try JSONValue.parse(bad.text)["code"]?.stringValue == "invalidAddress")
            #expect(try await resend(record.id, tokens["admin"], #"{"to":42}"#).status == .unprocessableContent)

            let toLearner = try await resend(record.id, tokens["issuer"])
            #expect(toLearner.status == .accepted)
            #expect(try JSONValue.parse(toLearner.text)["recipient"]?.stringValue == "u-1@example.org")
            let elsewhere = try await resend(record.id, tokens["admin"], #"{"to":"zoe.private@example.net"}"#)
            #expect(elsewhere.status == .accepted)
            let row = try JSONValue.parse(elsewhere.text)
            #expect(row["recipient"]?.stringValue == "zoe.private@example.net")
            #expect(row["state"]?.stringValue == "pending")
            #expect(row["event"]?.stringValue == "credential.issued")
        }
        let queued = try await fixture.store.read { try $0.outboxMessages(state: .pending) }.filter { $0.channel == .email }
        #expect(queued.compactMap(\.recipient).sorted() == ["u-1@example.org", "u-1@example.org", "zoe.private@example.net"])
        let audit = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 100) }.filter { $0.kind == "credential.resent" }
        #expect(audit.map(\.actor) == ["api:issuer", "api:admin"])
    }

    @Test func viewersListFailedRowsWithAttemptsAndLastError() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        _ = try await fixture.issue()
        let failedID = try await fixture.store.write { transaction -> String in
            var row = try #require(try transaction.outboxMessages(state: .pending).first { $0.channel == .email })
            row.state = .failed
            row.attempts = 3
            row.nextAttemptAt = nil
            row.lastError = "smtpRejected: 550 5.1.1 mailbox unavailable"
            try transaction.saveOutboxMessage(row)
            return row.id
        }
        try await fixture.test { client in
            func get(_ query: String, _ token: String?) async throws -> TestResponse {
                try await client.execute(uri: "/api/v1/outbox\(query)", method: .get, headers: ServerFixture.bearer(token, json: false))
            }
            #expect(try await get("?state=failed", tokens["lms"]).status == .forbidden)
            #expect(try await get("?state=lost", tokens["viewer"]).status == .badRequest)
            #expect(try await get("?state=failed&limit=0", tokens["viewer"]).status == .badRequest)
            let failed = try JSONValue.parse(try await get("?state=failed", tokens["viewer"]).text)
            let rows = failed["messages"]?.asArray ?? []
            #expect(rows.map { $0["id"]?.stringValue } == [failedID])
            #expect(rows.first?["attempts"] == .number(3))
            #expect(rows.first?["lastError"]?.stringValue == "smtpRejected: 550 5.1.1 mailbox unavailable")
            #expect(rows.first?["recipient"]?.stringValue == "u-1@example.org")
            let pending = try JSONValue.parse(try await get("?state=pending", tokens["admin"]).text)
            #expect((pending["messages"]?.asArray ?? []).map { $0["channel"]?.stringValue } == ["webhook"])
            #expect(try JSONValue.parse(try await get("?state=sent", tokens["issuer"]).text)["total"] == .number(0))

            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: ServerFixture.metricsAuthorization).text
            #expect(metrics.contains(#"attest_outbox_messages{state="failed"} 1"#))
            #expect(metrics.contains(#"attest_outbox_messages{state="pending"} 1"#))
        }
    }
}
