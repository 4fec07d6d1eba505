import Delivery
import Foundation
import IssuerCore
import Testing

/// Issue 14 item 11: a program's email may not print a learner's value unescaped. The renderer
/// does exactly that for `{{{…}}}` and `{{&…}}`, so a learner named `<a href=…>` would put a link
/// into the issuer's email; saving such a program is refused, naming the part and the variable.
@Suite("Program emails: no raw interpolation")
struct RawInterpolationTests {
    @Test(
        "raw interpolation is refused on save, naming the part, the line and the variable; nothing is stored",
        arguments: [
            (
                "<html lang=\"en\"><p>{{{learnerName}}}</p></html>",
                "email.html, line 1: {{{learnerName}}} inserts learnerName without escaping"
            ),
            (
                "<html lang=\"en\">\n<p>{{&learnerName}}</p></html>",
                "email.html, line 2: {{&learnerName}} inserts learnerName without escaping"
            ),
            ("<html lang=\"en\"><p>{{& cohort }}</p></html>", "email.html, line 1: {{& cohort}} inserts cohort without escaping"),
            ("<html lang=\"en\">{{#legalName}}{{{.}}}{{/legalName}}</html>", "email.html, line 1: {{{.}}} inserts . without escaping"),
            ("<html lang=\"en\">{{{verificationURL}}}</html>", "email.html, line 1: {{{verificationURL}}} inserts verificationURL"),
            // A delimiter change would hide the raw tag from a check that looks for {{…}} only.
            ("<html lang=\"en\">{{=<% %>=}}<%&learnerName%></html>", "email.html, line 1: {{=<% %>=}}: partials, delimiter changes"),
            ("<html lang=\"en\">{{=<% %>=}}<%{learnerName}%></html>", "email.html, line 1: {{=<% %>=}}: partials, delimiter changes"),
            // A pragma switching the HTML part to text would unescape every variable.
            ("{{%CONTENT_TYPE:TEXT}}<html lang=\"en\">{{learnerName}}</html>", "email.html, line 1: {{%CONTENT_TYPE:TEXT}}: partials"),
        ])
    func rawInterpolationIsRefused(html: String, message: String) async throws {
        let fixture = try await DeliveryFixture()
        var program = DeliveryFixture.program
        program.id = "raw-email"
        program.email = ProgramEmail(html: html)
        let error = await #expect(throws: IssuerError.self) {
            try await IssuerAdministration(environment: fixture.environment, actor: "test").saveProgram(program)
        }
        #expect(error?.code == .invalidProgram)
        #expect(error?.reason.hasPrefix(message) == true, "\(error?.reason ?? "")")
        #expect(try await fixture.store.read { try $0.program(id: "raw-email") } == nil)
    }

    @Test("the learner's name is named as learner-supplied, in the subject and text parts too")
    func subjectAndTextAreHeldToTheSameRule() async throws {
        for email in [ProgramEmail(subject: "{{{learnerName}}} passed"), ProgramEmail(text: "Hi {{&preferredName}}")] {
            let error = #expect(throws: IssuerError.self) {
                try EmailTemplateSyntax.check(
                    email.subject ?? email.text ?? "", field: email.subject != nil ? "email.subject" : "email.text")
            }
            #expect(error?.reason.contains("is supplied by the learner or the LMS") == true, "\(error?.reason ?? "")")
        }
        // The configured templates' own check refuses it as well.
        #expect(throws: DeliveryError.self) { try EmailTemplates(subject: "{{{learnerName}}}", text: "", html: "").validate() }
    }

    @Test("{{learnerName}} is accepted and escaped")
    func escapedInterpolationIsAccepted() async throws {
        let fixture = try await DeliveryFixture()
        var program = DeliveryFixture.program
        program.id = "escaped-email"
        program.email = ProgramEmail(
            subject: "{{learnerName}} passed", text: "Hi {{ learnerName }}",
            html: "<html lang=\"{{language}}\"><h1>{{learnerName}}</h1>{{#cohort}}{{.}}{{/cohort}}</html>")
        try await IssuerAdministration(environment: fixture.environment, actor: "test").saveProgram(program)
        #expect(try await fixture.store.read { try $0.program(id: "escaped-email") }?.email == program.email)
    }
}
