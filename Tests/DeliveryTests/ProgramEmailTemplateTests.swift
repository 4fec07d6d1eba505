import Delivery
import Foundation
import IssuerCore
import Testing

@Suite("Per-program email templates")
struct ProgramEmailTemplateTests {
    static let email = ProgramEmail(
        subject: "{{preferredName}}: {{course}} ✓",
        text: """
            Hallo {{preferredName}} ({{legalName}}),
            {{course}}{{#score}} – {{score}} Punkte{{/score}}, {{#instructor}}bei {{instructor}}, {{/instructor}}{{cohort}}.
            {{verificationURL}}
            {{linkedInURL}}
            {{issuer}}
            """,
        html: """
            <!DOCTYPE html><html lang="{{language}}"><body><main><h1>{{course}}</h1>
            <p><a href="{{verificationURL}}">Zertifikat von {{preferredName}} ansehen</a></p></main></body></html>
            """)

    @Test("a program's templates are used for its learners, with every variable filled")
    func programTemplatesAreUsed() async throws {
        var program = DeliveryFixture.program
        program.email = Self.email
        let fixture = try await DeliveryFixture(program: program)
        let record = try await fixture.issue(eventID: "evt-1", name: "Jürgen Groß", email: "juergen@example.org", score: 91)
        try await fixture.environment.store.write { transaction in
            var learner = try #require(try transaction.learner(id: record.learnerID))
            learner.preferredName = "Jo"
            try transaction.saveLearner(learner)
        }
        let folder = fixture.folder.appendingPathComponent("eml")
        let clock = fixture.clock
        let worker = OutboxWorker(
            store: fixture.store, configuration: DeliveryConfiguration(language: "de"), mailer: EMLFolderMailer(folder: folder),
            now: { clock.now }, random: SeededRandomSource(seed: 2))
        #expect(await worker.runOnce().sent == 1)
        let file = try #require(try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).first)
        let parsed = try EmailParser.parse(Data(contentsOf: file), folder: fixture.folder)
        #expect(parsed.subject == "Jo: Working at Height — Level 2 ✓")
        #expect(parsed.text.contains("Hallo Jo (Jürgen Groß),"))
        #expect(parsed.text.contains("Working at Height — Level 2 – 91 Punkte, bei Σοφία Παπαδοπούλου, 2026-Q4."))
        #expect(parsed.text.contains("https://certs.example.org/c/\(record.id)?claim="))
        #expect(parsed.text.contains("https://certs.example.org/c/\(record.id)/share/linkedin"))
        #expect(parsed.text.contains("Example Safety Training"))
        #expect(parsed.html.contains("<html lang=\"de\">"))
        #expect(parsed.html.contains(">Zertifikat von Jo ansehen</a>"))
    }

    @Test("parts a program leaves out stay the built-in ones")
    func absentPartsUseTheDefault() {
        let merged = EmailTemplates.default.overridden(by: ProgramEmail(subject: "{{course}}"))
        #expect(merged.subject == "{{course}}")
        #expect(merged.text == EmailTemplates.default.text)
        #expect(merged.html == EmailTemplates.default.html)
        #expect(EmailTemplates.default.overridden(by: nil) == .default)
    }

    @Test("the built-in templates pass the check programs are held to, and parse with the renderer")
    func builtInTemplatesPass() throws {
        for templates in [EmailTemplates.default, .supervisorDefault] {
            try templates.validate()
            for (field, source) in [("subject", templates.subject), ("text", templates.text), ("html", templates.html)] {
                try EmailTemplateSyntax.check(source, field: field)
            }
        }
    }

    @Test(
        "a template that does not parse is refused when the program is saved, naming the field; nothing is stored",
        arguments: [
            (ProgramEmail(subject: "{{#score}}open"), "email.subject, line 1: the section {{#score}} is never closed"),
            (ProgramEmail(text: "a\nb {{course}"), "email.text, line 2: a tag opened with {{ is never closed"),
            (ProgramEmail(text: "{{#score}}x{{/cohort}}"), "email.text, line 1: {{/cohort}} closes {{#score}} opened on line 1"),
            (ProgramEmail(text: "{{learner_name}}"), "email.text, line 1: {{learner_name}} names no variable"),
            (ProgramEmail(html: "<html lang=\"en\">{{> footer}}</html>"), "email.html, line 1: {{> footer}}: partials"),
            (ProgramEmail(html: "<p>{{course}}</p>"), "email.html needs <html lang="),
        ])
    func brokenTemplatesAreRefused(email: ProgramEmail, message: String) async throws {
        let fixture = try await DeliveryFixture()
        var program = DeliveryFixture.program
        program.id = "broken-email"
        program.email = email
        let error = await #expect(throws: IssuerError.self) {
            try await IssuerAdministration(environment: fixture.environment, actor: "test").saveProgram(program)
        }
        #expect(error?.code == .invalidProgram)
        #expect(error?.reason.hasPrefix(message) == true, "\(error?.reason ?? "")")
        #expect(try await fixture.store.read { try $0.program(id: "broken-email") } == nil)
        // What the check refuses for syntax, the renderer refuses too (names are the check's own rule).
        if let text = email.text ?? email.subject, !message.contains("names no variable") {
            #expect(throws: DeliveryError.self) { try EmailTemplates(subject: text, text: "", html: "").validate() }
        }
    }
}
