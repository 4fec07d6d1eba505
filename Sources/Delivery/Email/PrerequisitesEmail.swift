import Foundation
import IssuerCore

/// The learner's email when a completion is not issued because prerequisite programs are not held
/// (outbox event `completion.prerequisites_missing`; the row's subject is the completion): which
/// programs they need first, by name, and what to do once they hold them.
public enum PrerequisitesEmail {
    /// The built-in templates. Variables: `learnerName`, `course`, `issuer`, `missing` (a list of
    /// program names), `language`.
    public static let templates = EmailTemplates(
        subject: "{{course}}: a certificate needs other training first",
        text: """
            Hello {{learnerName}},

            {{issuer}} has recorded your completion of {{course}}, but no certificate was issued for it: it is
            issued only to learners who already hold a valid certificate for:
            {{#missing}}
            - {{.}}
            {{/missing}}

            Once you hold these, ask your training team to record your completion of {{course}} again.

            {{issuer}}

            """,
        html: """
            <!DOCTYPE html>
            <html lang="{{language}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{course}}: a certificate needs other training first</title>
            </head>
            <body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;">
            <main style="max-width:600px;margin:0 auto;padding:24px 16px;">
            <p>Hello {{learnerName}},</p>
            <p>{{issuer}} has recorded your completion of <strong>{{course}}</strong>, but no certificate was issued for it:
            it is issued only to learners who already hold a valid certificate for:</p>
            <ul style="margin:0 0 16px;padding-left:20px;">
            {{#missing}}<li style="margin:0 0 8px;">{{.}}</li>{{/missing}}
            </ul>
            <p>Once you hold these, ask your training team to record your completion of {{course}} again.</p>
            <p style="margin-top:24px;">{{issuer}}</p>
            </main>
            </body>
            </html>

            """)
}

extension OutboxWorker {
    /// The email of one outbox row, naming the prerequisites the completion's reasons say were missing.
    func composePrerequisitesEmail(_ row: OutboxMessage) async throws -> MIMEMessage {
        guard let recipient = row.recipient else {
            throw DeliveryError(.invalidAddress, "a prerequisites email without a recipient", isTransient: false)
        }
        let found = try await store.read { reading -> (IssuerProfile, CompletionRecord, String, [String])? in
            guard let issuer = try reading.issuer(), let completion = try reading.completion(id: row.subjectID) else { return nil }
            let course = try reading.program(id: completion.event.programID)?.achievement.name ?? completion.event.programID
            let missing = try CompletionRulesEngine.missingPrerequisites(in: completion.reasons).map {
                try reading.program(id: $0)?.achievement.name ?? $0
            }
            return (issuer, completion, course, missing)
        }
        guard let (issuer, completion, course, missing) = found, !missing.isEmpty else {
            throw DeliveryError(.subjectMissing, "completion \(row.subjectID) does not exist or lacks no prerequisite", isTransient: false)
        }
        let learnerName = completion.event.learner.preferredName ?? completion.event.learner.legalName
        let rendered = try PrerequisitesEmail.templates.render([
            "learnerName": learnerName, "course": course, "issuer": issuer.name, "missing": missing, "language": configuration.language,
        ])
        return issuerEmail(row, from: issuer, to: MIMEMessage.Address(name: learnerName, address: recipient), rendered, date: now())
    }
}
