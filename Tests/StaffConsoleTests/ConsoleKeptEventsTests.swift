import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import Testing

@testable import StaffConsole

/// Review → Kept events through the real routes: an event kept for invalid learner data is listed,
/// a correction that is still invalid is shown beside its field and changes nothing, a valid one
/// decides it (issued, audited under the staff member); discarding needs a reason; a reviewer or
/// viewer sees the pages but may not change anything.
@Suite("Console kept events")
struct ConsoleKeptEventsTests {
    struct Unexpected: Error { let outcome: String }

    static func keep(_ fixture: ConsoleFixture, id: String, email: String) async throws -> String {
        let program = ConsoleDashboardTests.program
        let outcome = try await IssuancePipeline(environment: fixture.environment, actor: "api:moodle").intake(
            CompletionEvent(
                source: "moodle", eventID: id, programID: program.id,
                learner: LearnerDetails(externalID: "u-\(id)", email: email, legalName: "Learner \(id)"),
                completedAt: fixture.clock.now, score: 90))
        guard case .parked(let keptID, .invalidLearner, _) = outcome else { throw Unexpected(outcome: "\(outcome)") }
        return keptID
    }

    @Test func anEventKeptForInvalidDataIsCorrectedAndIssued() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        try await fixture.store.write { try $0.saveProgram(ConsoleDashboardTests.program) }
        let keptID = try await Self.keep(fixture, id: "e-1", email: "learner.example.org")
        let staff = try await fixture.signIn(role: .issuer)
        try await fixture.application().test(.router) { client in
            let list = try await client.execute(uri: "/console/kept?state=invalidLearner", method: .get, headers: staff.headers)
            #expect(list.status == .ok)
            #expect(list.text.contains("href=\"/console/kept/\(keptID)\""), "\(list.text.prefix(4000))")
            #expect(list.text.contains("Invalid learner data (1)"))
            let page = try await client.execute(uri: "/console/kept/\(keptID)", method: .get, headers: staff.headers)
            #expect(page.text.contains("action=\"/console/kept/\(keptID)/correct\""))
            #expect(page.text.contains("value=\"learner.example.org\""))

            func correct(_ email: String, note: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/console/kept/\(keptID)/correct", method: .post, headers: staff.formHeaders,
                    body: staff.form([("legalName", "Learner e-1"), ("preferredName", ""), ("email", email), ("note", note)]))
            }
            let stillBad = try await correct("learner@", note: "from HR")
            #expect(stillBad.status == .badRequest)
            #expect(stillBad.text.contains("<a href=\"#email\">&quot;learner@&quot; is not a valid email address.</a>"), "\(stillBad.text.prefix(3000))")
            #expect(stillBad.text.contains("id=\"email-error\""))
            let noNote = try await correct("learner@example.org", note: "")
            #expect(noNote.status == .badRequest && noNote.text.contains("id=\"note-error\""))
            #expect(try await fixture.store.read { try $0.parkedEvent(id: keptID) } != nil)

            let done = try await correct("learner@example.org", note: "address confirmed by HR")
            #expect(done.status == .ok)
            #expect(done.text.contains("A certificate was issued"), "\(done.text.prefix(3000))")
        }
        try await fixture.store.read { (reading: any IssuerReading) throws in
            #expect(try reading.parkedEvent(id: keptID) == nil)
            #expect(try reading.credentialSummaries(filter: CredentialFilter(states: [.active])).count == 1)
            let corrected = try #require(try reading.auditEntries(from: 0, limit: 100).first { $0.kind == "completion.corrected" })
            #expect(corrected.actor == staff.member.auditActor)
        }
    }

    @Test func discardingNeedsAReasonAndTheRightRole() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        try await fixture.store.write { try $0.saveProgram(ConsoleDashboardTests.program) }
        let keptID = try await Self.keep(fixture, id: "e-2", email: "nobody")
        let reviewer = try await fixture.signIn(role: .reviewer, email: "reviewer@example.org")
        let admin = try await fixture.signIn(role: .admin, email: "admin@example.org")
        try await fixture.application().test(.router) { client in
            let seen = try await client.execute(uri: "/console/kept/\(keptID)", method: .get, headers: reviewer.headers)
            #expect(seen.status == .ok && !seen.text.contains("/discard\""))
            let forged = try await client.execute(
                uri: "/console/kept/\(keptID)/discard", method: .post, headers: reviewer.formHeaders,
                body: reviewer.form([("reason", "forged")]))
            #expect(forged.status == .forbidden)
            let noReason = try await client.execute(
                uri: "/console/kept/\(keptID)/discard", method: .post, headers: admin.formHeaders, body: admin.form([("reason", " ")]))
            #expect(noReason.status == .badRequest && noReason.text.contains("id=\"reason-error\""))
            let discarded = try await client.execute(
                uri: "/console/kept/\(keptID)/discard", method: .post, headers: admin.formHeaders,
                body: admin.form([("reason", "a test account")]))
            #expect(discarded.status == .ok && discarded.text.contains("Event discarded"))
            let gone = try await client.execute(uri: "/console/kept/\(keptID)", method: .get, headers: admin.headers)
            #expect(gone.status == .notFound)
        }
        #expect(try await fixture.store.read { try $0.parkedEventCounts() }.isEmpty)
    }
}
