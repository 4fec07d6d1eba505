import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import Testing

/// `POST /api/v1/events` naming a course (configuration drift, Spec/workflow.md): kept with 202
/// when no program maps it, while a malformed `program` beside the course is still a 422.
@Suite("POST /api/v1/events with a course")
struct KeptEventAPITests {
    static func body(program: String?) -> String {
        let named = ServerFixture.eventJSON(id: "c-1")
        let withoutProgram = named.replacingOccurrences(of: #""program":"working-at-height-2","#, with: #""course":"moodle:77","#)
        guard let program else { return withoutProgram }
        return withoutProgram.replacingOccurrences(of: #""course":"moodle:77","#, with: #""course":"moodle:77","program":"\#(program)","#)
    }

    @Test("a course no program maps is kept (202 unmapped); an empty program beside it is refused (422)")
    func keptOrRefused() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let empty = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(tokens["lms"]),
                body: ByteBuffer(string: Self.body(program: "")))
            #expect(empty.status == .unprocessableContent, "\(empty.text)")
            let kept = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(tokens["lms"]),
                body: ByteBuffer(string: Self.body(program: nil)))
            #expect(kept.status == .accepted, "\(kept.text)")
            let answer = try JSONValue.parse(kept.text)
            #expect(answer["state"]?.stringValue == "unmapped")
            #expect(answer["course"]?.stringValue == "moodle:77")
            #expect(answer["program"] == nil)
        }
    }
}
