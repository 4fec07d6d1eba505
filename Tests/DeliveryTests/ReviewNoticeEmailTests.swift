import Delivery
import Foundation
import IssuerCore
import Testing

/// The email a reviewer gets when a completion is held: the summary a reviewer needs, in words,
/// and the link to the completion's page in the staff console.
@Suite("The review notice email")
struct ReviewNoticeEmailTests {
    static var program: Program {
        var program = DeliveryFixture.program
        program.rules = CompletionRules(
            requiredModules: ["ladders", "harness"], minimumScore: 80, minimumMinutes: 120,
            review: ReviewTriggers(scoreWithin: 2, exemptModules: true, nameMismatch: true))
        return program
    }

    @Test func theNoticeCarriesWhyItWasHeldAndTheConsoleLink() async throws {
        let fixture = try await DeliveryFixture(program: Self.program)
        let event = CompletionEvent(
            source: "lms-test", eventID: "evt-held", programID: Self.program.id,
            learner: LearnerDetails(externalID: "u-7", email: "ana@example.org", legalName: "Ana <b>Lima</b>", profileName: "Ana Souza"),
            completedAt: DeliveryFixture.start, score: 81, minutes: 125,
            modules: [ModuleCompletion(id: "ladders", completedAt: DeliveryFixture.start), ModuleCompletion(id: "harness", exempt: true)])
        guard case .held(let completionID, _) = try await IssuancePipeline(environment: fixture.environment, actor: "test").intake(event)
        else { throw FixtureError("not held") }
        try await fixture.store.write { transaction in
            try transaction.saveOutboxMessage(
                OutboxMessage(
                    id: "out-NOTICE1", channel: .email, event: .completionHeldForReview, subjectID: completionID,
                    recipient: "reviewer@example.org", createdAt: DeliveryFixture.start))
        }
        let folder = fixture.folder.appendingPathComponent("eml")
        let clock = fixture.clock
        let worker = OutboxWorker(
            store: fixture.store, configuration: DeliveryConfiguration(), mailer: EMLFolderMailer(folder: folder), now: { clock.now },
            random: SeededRandomSource(seed: 2))
        #expect(await worker.runOnce().sent >= 1)
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        let parsed = try files.map { try EmailParser.parse(Data(contentsOf: $0), folder: fixture.folder) }
        let notice = try #require(parsed.first { $0.to.contains("reviewer@example.org") })
        #expect(notice.subject == "Held for review: Ana <b>Lima</b>, Working at Height — Level 2")
        let link = "https://certs.example.org/console/review/\(completionID)"
        #expect(notice.text.contains(link))
        #expect(notice.html.contains("href=\"\(link)\""))
        #expect(notice.text.contains("- Score 81 is within 2 points of the minimum 80."))
        #expect(notice.text.contains("- Modules exempted instead of completed: harness."))
        #expect(notice.text.contains("Score: 81 (minimum 80)"))
        #expect(notice.text.contains("Time spent: 125 min (minimum 120 min)"))
        #expect(notice.text.contains("Name in the LMS: Ana Souza"))
        #expect(notice.html.contains("<html lang=\"en\">") && notice.html.contains("<main"))
        #expect(notice.html.contains("Ana &lt;b&gt;Lima&lt;/b&gt;") && !notice.html.contains("<b>Lima</b>"), "names are escaped")
    }
}
