import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerServer
import Testing

/// `null` where Spec/openapi.yaml allows only a value is refused, never read as "absent"
/// (Schemathesis' negative_data_rejection found `{"to": null}` on resend sending to the learner,
/// and `"reminderLeadTime": null` saving a configuration without reminders).
@Suite("null is not absent")
struct NullMemberTests {
    @Test("resend with \"to\": null is a 422, and nothing is queued")
    func resendToNull() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let credential = try await fixture.issue()
        let queuedBefore = try await fixture.store.read { try $0.outboxMessages(state: nil) }.count
        let status = try await fixture.test { client in
            try await client.execute(
                uri: "/api/v1/credentials/\(credential.id)/resend", method: .post, headers: ServerFixture.bearer(tokens["issuer"]),
                body: ByteBuffer(string: #"{"to": null}"#)
            ).status
        }
        #expect(status == .unprocessableContent)
        #expect(try await fixture.store.read { try $0.outboxMessages(state: nil) }.count == queuedBefore)
    }

    @Test("a training configuration with a null member is a 422 naming it, and is not saved")
    func configurationWithNull() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let bodies = [
            TrainingRoutesTests.configuration.replacingOccurrences(of: #""PT10S""#, with: "null"),
            TrainingRoutesTests.configuration.replacingOccurrences(of: #""validity":"P1Y""#, with: #""validity":null"#),
        ]
        let answers = try await fixture.test { client in
            var answers: [(HTTPResponse.Status, String)] = []
            for body in bodies {
                let response = try await client.execute(
                    uri: "/api/v1/training/configurations", method: .post, headers: ServerFixture.bearer(tokens["admin"]),
                    body: ByteBuffer(string: body))
                answers.append((response.status, response.text))
            }
            return answers
        }
        #expect(answers.map(\.0) == [.unprocessableContent, .unprocessableContent])
        #expect(answers[0].1.contains("reminderLeadTime is null"))
        #expect(answers[1].1.contains("modules[0].validity is null"))
        #expect(try await fixture.store.read { try $0.trainingConfigurations() }.isEmpty)
    }
}
