import Delivery
import Foundation
import IssuerCore
import Testing

/// The error table's "prerequisite missing" row through a real SMTP server on loopback: the learner
/// whose completion was not issued gets one email naming, by title, the programs they need first
/// (Python's email parser reads it back).
@Suite("The missing-prerequisites email over real SMTP")
struct PrerequisitesEmailDeliveryTests {
    @Test func theLearnerIsToldWhichProgramsAreMissing() async throws {
        var program = DeliveryFixture.program
        program.rules.prerequisites = ["first-aid", "ladder-safety"]
        let fixture = try await DeliveryFixture(program: program)
        let firstAid = {
            var firstAid = DeliveryFixture.program
            firstAid.id = "first-aid"
            firstAid.achievement.name = "First Aid at Work"
            return firstAid
        }()
        try await fixture.store.write { try $0.saveProgram(firstAid) }
        let pipeline = IssuancePipeline(environment: fixture.environment, actor: "test")
        func event(_ id: String, score: Double) -> CompletionEvent {
            CompletionEvent(
                source: "lms-test", eventID: id, programID: program.id,
                learner: LearnerDetails(externalID: "ext-\(id)", email: "\(id)@example.org", legalName: "Zoë Åkesson"),
                completedAt: DeliveryFixture.start, score: score, modules: [ModuleCompletion(id: "ladders", completedAt: DeliveryFixture.start)])
        }
        guard case .rejected = try await pipeline.intake(event("zoe", score: 92)) else {
            Issue.record("expected a rejection for the missing prerequisites")
            return
        }

        let port = try PythonProcess.freePort()
        let smtp = try SMTPSink(port: port, folder: fixture.folder)
        defer { smtp.stop() }
        let worker = OutboxWorker(
            store: fixture.store, configuration: DeliveryConfiguration(),
            mailer: SMTPMailer(settings: try SMTPSettings(url: "smtp://127.0.0.1:\(port)", connectTimeout: 5, timeout: 20)),
            now: { fixture.clock.now }, random: SeededRandomSource(seed: 5))
        _ = await worker.runOnce()
        _ = await worker.runOnce()

        let emails = try smtp.received().map { try EmailParser.parse(Data(contentsOf: $0), folder: fixture.folder) }
        #expect(emails.count == 1)
        let email = try #require(emails.first)
        #expect(email.to.contains("zoe@example.org"))
        #expect(email.subject == "Working at Height — Level 2: a certificate needs other training first")
        // Each missing program by its title; one not defined here by its id.
        #expect(email.text.contains("- First Aid at Work\n- ladder-safety\n"), "\(email.text)")
        #expect(email.text.contains("Hello Zoë Åkesson,"))
        #expect(email.html.contains("<li style=\"margin:0 0 8px;\">First Aid at Work</li>"), "\(email.html)")
        #expect(try await fixture.outbox(channel: .email).map(\.state) == [.sent])
    }
}
