import Foundation
import Hummingbird
import HummingbirdTesting
import IssuerCore
import Testing

@testable import StaffConsole

/// The Review pages through the router: a reviewer sees everything on one screen and decides
/// through a confirmation page; the role and the CSRF token are checked on the server.
@Suite("Console review")
struct ConsoleReviewTests {
    static let program = Program(
        id: "working-at-height-2",
        achievement: Achievement(name: "Working at Height — Level 2", description: "Ladders.", criteria: "All modules and 80%."),
        rules: CompletionRules(
            requiredModules: ["ladders", "harness"], minimumScore: 80, minimumMinutes: 120,
            review: ReviewTriggers(scoreWithin: 2, exemptModules: true, nameMismatch: true)))

    /// A completion held because the score 81 is near the minimum 80 and a module was exempted.
    static func held(_ fixture: ConsoleFixture, name: String = "Ana <i>Lima</i>") async throws -> String {
        try await fixture.store.write { try $0.saveProgram(program) }
        let at = ConsoleFixture.start
        let event = CompletionEvent(
            source: "lms", eventID: "evt-\(UUID().uuidString.prefix(8))", programID: program.id,
            learner: LearnerDetails(externalID: "u-1", email: "ana@example.org", legalName: name, profileName: "Ana Souza"),
            completedAt: at, score: 81, minutes: 125,
            modules: [ModuleCompletion(id: "ladders", completedAt: at), ModuleCompletion(id: "harness", exempt: true)])
        guard case .held(let id, _) = try await IssuancePipeline(environment: fixture.environment, actor: "lms").intake(event) else {
            throw ConsoleFixture.SignInFailed()
        }
        return id
    }

    func state(_ fixture: ConsoleFixture, _ id: String) async throws -> CompletionState? {
        try await fixture.store.read { try $0.completion(id: id)?.state }
    }

    @Test func theQueueAndTheCaseShowWhyItWasHeldWithItsData() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let id = try await Self.held(fixture)
        let reviewer = try await fixture.signIn(role: .reviewer)
        try await fixture.application().test(.router) { client in
            let queue = try await client.execute(uri: "/console/review?age=under-1-day", method: .get, headers: reviewer.headers)
            #expect(queue.status == .ok)
            #expect(queue.text.contains("href=\"/console/review/\(id)\""))
            #expect(queue.text.contains("Ana &lt;i&gt;Lima&lt;/i&gt;") && !queue.text.contains("<i>Lima"))
            let old = try await client.execute(uri: "/console/review?age=over-7-days", method: .get, headers: reviewer.headers)
            #expect(!old.text.contains("/console/review/\(id)"))
            let page = try await client.execute(uri: "/console/review/\(id)", method: .get, headers: reviewer.headers)
            #expect(page.status == .ok)
            #expect(page.text.contains("Score 81 is within 2 points of the minimum 80."))
            #expect(page.text.contains("Modules exempted instead of completed: harness."))
            #expect(page.text.contains("81 (minimum 80)") && page.text.contains("125 min (minimum 120 min)"))
            #expect(page.text.contains("1 of 2 required modules done, 1 exempted."))
            #expect(page.text.contains("Ana Souza") && page.text.contains("Different"))
            #expect(page.text.contains("href=\"/console/review/\(id)/approve\""))
            let missing = try await client.execute(uri: "/console/review/cmp-none", method: .get, headers: reviewer.headers)
            #expect(missing.status == .notFound)
        }
    }

    @Test func aReviewerApprovesThroughAConfirmationAndTheCertificateIsIssuedAndEmailed() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let id = try await Self.held(fixture)
        let reviewer = try await fixture.signIn(role: .reviewer)
        try await fixture.application().test(.router) { client in
            let confirm = try await client.execute(uri: "/console/review/\(id)/approve", method: .get, headers: reviewer.headers)
            #expect(confirm.status == .ok)
            #expect(
                confirm.text.contains(
                    "will be issued to <strong>Ana &lt;i&gt;Lima&lt;/i&gt;</strong> and emailed to <strong>ana@example.org</strong>"))
            #expect(try await state(fixture, id) == .held, "showing the confirmation changes nothing")
            let done = try await client.execute(
                uri: "/console/review/\(id)/approve", method: .post, headers: reviewer.formHeaders,
                body: reviewer.form([("note", "score checked with the trainer")]))
            #expect(done.status == .ok)
            #expect(done.text.contains("Approved: Ana &lt;i&gt;Lima&lt;/i&gt;"))
            #expect(try await state(fixture, id) == .issued)
            let again = try await client.execute(
                uri: "/console/review/\(id)/approve", method: .post, headers: reviewer.formHeaders, body: reviewer.form([]))
            #expect(again.status == .badRequest, "a decided completion is not decided twice")
        }
        let (emails, audit) = try await fixture.store.read { reading in
            (
                try reading.outboxMessages(state: nil).filter { $0.channel == .email && $0.event == .credentialIssued },
                try reading.auditEntries(from: 1, limit: 1000).first { $0.kind == "review.approved" }
            )
        }
        #expect(emails.map(\.recipient) == ["ana@example.org"], "the learner's certificate email is queued")
        #expect(audit?.actor == reviewer.member.auditActor)
        #expect(audit?.data.contains("score checked with the trainer") == true)
    }

    @Test func rejectingNeedsANoteAndAForgedOrUnauthorisedPostChangesNothing() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let id = try await Self.held(fixture)
        let reviewer = try await fixture.signIn(role: .reviewer)
        let viewer = try await fixture.signIn(role: .viewer)
        try await fixture.application().test(.router) { client in
            let blank = try await client.execute(
                uri: "/console/review/\(id)/reject", method: .post, headers: reviewer.formHeaders, body: reviewer.form([("note", "  ")]))
            #expect(blank.status == .badRequest)
            #expect(blank.text.contains("There is a problem") && blank.text.contains("href=\"#note\""))
            let forged = try await client.execute(
                uri: "/console/review/\(id)/reject", method: .post, headers: reviewer.formHeaders,
                body: reviewer.form([("note", "forged")], withCSRF: false))
            #expect(forged.status == .forbidden)
            let page = try await client.execute(uri: "/console/review/\(id)", method: .get, headers: viewer.headers)
            #expect(page.status == .ok && !page.text.contains("/console/review/\(id)/approve"), "a viewer sees no decision")
            let viewerConfirm = try await client.execute(uri: "/console/review/\(id)/approve", method: .get, headers: viewer.headers)
            #expect(viewerConfirm.status == .forbidden)
            let viewerPost = try await client.execute(
                uri: "/console/review/\(id)/approve", method: .post, headers: viewer.formHeaders, body: viewer.form([]))
            #expect(viewerPost.status == .forbidden)
            #expect(try await state(fixture, id) == .held, "nothing was decided")
            let rejected = try await client.execute(
                uri: "/console/review/\(id)/reject", method: .post, headers: reviewer.formHeaders,
                body: reviewer.form([("note", "the exemption was not approved")]))
            #expect(rejected.status == .ok && rejected.text.contains("Rejected"))
        }
        #expect(try await state(fixture, id) == .rejected)
    }
}
