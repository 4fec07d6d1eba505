import IssuerCore
import Mustache

extension EmailTemplates {
    /// These templates with the parts a program defines (`Program.email`) put in their place.
    public func overridden(by email: ProgramEmail?) -> EmailTemplates {
        guard let email else { return self }
        return EmailTemplates(subject: email.subject ?? subject, text: email.text ?? text, html: email.html ?? html)
    }

    /// Parses all three with the renderer itself, then holds them to the check program emails get
    /// on save (``EmailTemplateSyntax/check(_:field:)``: known variables only, no raw `{{{…}}}` or
    /// `{{&…}}`, no delimiter changes or partials).
    /// - Throws: ``DeliveryError`` `invalidTemplate` naming the part that does not parse or is refused.
    public func validate() throws {
        for (part, source) in [("subject", subject), ("text", text), ("html", html)] {
            do { _ = try MustacheTemplate(string: source) } catch {
                throw DeliveryError(.invalidTemplate, "the \(part) template does not parse: \(error)", isTransient: false)
            }
            do { try EmailTemplateSyntax.check(source, field: part) } catch {
                throw DeliveryError(.invalidTemplate, error.reason, isTransient: false)
            }
        }
    }

    /// The built-in notice to a program's supervisors: who completed what, the public link, the
    /// PDF attached. Same accessibility rules as ``default``: `lang`, one `h1`, real link text.
    public static let supervisorDefault = EmailTemplates(
        subject: "{{learnerName}} completed {{course}}",
        text: """
            {{learnerName}} completed {{course}}{{#score}} with a score of {{score}}{{/score}} on {{issuedOn}}.

            {{#hasAttachment}}The certificate is attached as a PDF. {{/hasAttachment}}Anyone can check it at:
            {{verificationURL}}

            {{#instructor}}Instructor: {{instructor}}
            {{/instructor}}{{#cohort}}Cohort: {{cohort}}
            {{/cohort}}{{#validUntil}}Valid until {{validUntil}}.
            {{/validUntil}}
            You receive this because you are listed as a supervisor for {{course}}.
            {{issuer}}

            """,
        html: """
            <!DOCTYPE html>
            <html lang="{{language}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{learnerName}} completed {{course}}</title>
            </head>
            <body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;">
            <main style="max-width:600px;margin:0 auto;padding:24px 16px;">
            <h1 style="font-size:24px;line-height:1.3;margin:0 0 16px;">{{learnerName}} completed {{course}}</h1>
            <p>{{learnerName}} completed <strong>{{course}}</strong>{{#score}} with a score of {{score}}{{/score}} on {{issuedOn}}.</p>
            {{#hasAttachment}}<p>The certificate is attached to this email as a PDF.</p>{{/hasAttachment}}
            <p><a href="{{verificationURL}}" style="display:inline-block;background:#0b3d91;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:bold;">View and verify the certificate of {{learnerName}}</a></p>
            <h2 style="font-size:18px;margin:24px 0 8px;">Details</h2>
            <dl style="margin:0;">
            {{#instructor}}<dt style="font-weight:bold;">Instructor</dt><dd style="margin:0 0 8px;">{{instructor}}</dd>{{/instructor}}
            {{#cohort}}<dt style="font-weight:bold;">Cohort</dt><dd style="margin:0 0 8px;">{{cohort}}</dd>{{/cohort}}
            <dt style="font-weight:bold;">Issued on</dt><dd style="margin:0 0 8px;">{{issuedOn}}</dd>
            {{#validUntil}}<dt style="font-weight:bold;">Valid until</dt><dd style="margin:0 0 8px;">{{validUntil}}</dd>{{/validUntil}}
            </dl>
            <p style="margin-top:24px;">You receive this because you are listed as a supervisor for {{course}}. {{issuer}}</p>
            </main>
            </body>
            </html>

            """)
}
