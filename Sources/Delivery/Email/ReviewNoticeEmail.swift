import Foundation
import IssuerCore
import VerifiableCredentials

/// The email that tells a reviewer a completion is held (outbox rows written by the pipeline with
/// the hold, see ``IssuerCore/ReviewNotice``): who, which program, why it was held with the data
/// beside each limit, and a link to the completion's page in the staff console. One column, large
/// type and a large link, so it reads on a phone; `lang` and a `<main>` landmark for screen readers.
public enum ReviewNoticeEmail {
    /// The built-in templates. Variables: `issuer`, `language`, `learnerName`, `course`,
    /// `receivedOn`, `findings` (a list of sentences), `facts` (a list of `label`/`value`), `link`.
    public static let templates = EmailTemplates(
        subject: "Held for review: {{learnerName}}, {{course}}",
        text: """
            A completion is waiting for your review.

            {{learnerName}} completed {{course}} (received {{receivedOn}}). It was held because:
            {{#findings}}
            - {{.}}
            {{/findings}}

            {{#facts}}
            {{label}}: {{value}}
            {{/facts}}

            Approve or reject it in the staff console:
            {{link}}

            {{issuer}}

            """,
        html: """
            <!DOCTYPE html>
            <html lang="{{language}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Held for review: {{learnerName}}, {{course}}</title>
            </head>
            <body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;">
            <main style="max-width:600px;margin:0 auto;padding:24px 16px;">
            <h1 style="font-size:24px;line-height:1.3;margin:0 0 16px;">A completion is waiting for your review</h1>
            <p><strong>{{learnerName}}</strong> completed <strong>{{course}}</strong> (received {{receivedOn}}).</p>
            <h2 style="font-size:18px;margin:24px 0 8px;">Why it was held</h2>
            <ul style="margin:0 0 16px;padding-left:20px;">
            {{#findings}}<li style="margin:0 0 8px;">{{.}}</li>{{/findings}}
            </ul>
            <h2 style="font-size:18px;margin:24px 0 8px;">Details</h2>
            <dl style="margin:0;">
            {{#facts}}<dt style="font-weight:bold;">{{label}}</dt><dd style="margin:0 0 8px;">{{value}}</dd>{{/facts}}
            </dl>
            <p style="margin:24px 0;"><a href="{{link}}" style="display:inline-block;background:#0b3d91;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:bold;">Review this completion</a></p>
            <p style="margin-top:24px;">{{issuer}}</p>
            </main>
            </body>
            </html>

            """)

    /// The template values of `review` for the issuer whose console is at `baseURL`.
    public static func values(_ review: ReviewCase, issuer: IssuerProfile, language: String) -> [String: Any] {
        var facts: [[String: String]] = []
        func measure(_ label: String, _ measure: ReviewCase.Measure, unit: String) {
            guard measure.value != nil || measure.minimum != nil else { return }
            let value = measure.value.map { ReviewFinding.format($0) + unit } ?? "not reported"
            facts.append(["label": label, "value": value + (measure.minimum.map { " (minimum \(ReviewFinding.format($0))\(unit))" } ?? "")])
        }
        measure("Score", review.score, unit: "")
        measure("Time spent", review.minutes, unit: " min")
        let exempted = review.modules.filter { $0.isExempt && $0.completedAt == nil }.map(\.id)
        let done = review.modules.filter { $0.completedAt != nil }.count
        if !review.modules.isEmpty {
            facts.append([
                "label": "Modules",
                "value": "\(done) of \(review.modules.count) done"
                    + (exempted.isEmpty ? "" : ", exempted: \(exempted.joined(separator: ", "))"),
            ])
        }
        facts.append(["label": "Name for the certificate", "value": review.names.certificateName])
        if let profile = review.names.profileName { facts.append(["label": "Name in the LMS", "value": profile]) }
        facts.append(["label": "Earlier certificates", "value": String(review.earlierCredentials.count)])
        let findings = review.findings.isEmpty ? review.recordedReasons : review.findings.map(\.summary)
        return [
            "issuer": issuer.name, "language": language, "learnerName": review.names.certificateName,
            "course": review.program?.achievement.name ?? review.completion.event.programID,
            "receivedOn": DateTimeStamp.format(review.completion.receivedAt).prefix(16).replacingOccurrences(of: "T", with: " ") + " UTC",
            "findings": findings, "facts": facts,
            "link": issuer.baseURL + ReviewNotice.consolePath(completionID: review.completion.id),
        ]
    }
}

extension OutboxWorker {
    /// The review notice of one outbox row (its `recipient` is the reviewer, its subject the completion).
    func composeReviewNotice(_ row: OutboxMessage) async throws -> MIMEMessage {
        guard let recipient = row.recipient else {
            throw DeliveryError(.invalidAddress, "a review notice without a recipient", isTransient: false)
        }
        let now = now()
        let found = try await store.read { reading -> (IssuerProfile, ReviewCase)? in
            guard let issuer = try reading.issuer(), let review = try ReviewCase.load(completionID: row.subjectID, from: reading, now: now)
            else { return nil }
            return (issuer, review)
        }
        guard let (issuer, review) = found else {
            throw DeliveryError(.subjectMissing, "completion \(row.subjectID) or the issuer does not exist", isTransient: false)
        }
        let rendered = try ReviewNoticeEmail.templates.render(
            ReviewNoticeEmail.values(review, issuer: issuer, language: configuration.language))
        return issuerEmail(row, from: issuer, to: MIMEMessage.Address(address: recipient), rendered, date: now)
    }
}
