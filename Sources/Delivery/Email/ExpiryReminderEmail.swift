import CanonicalJSON
import Foundation
import IssuerCore
import VerifiableCredentials

/// The learner's reminder that a credential expires soon (outbox event `credential.expiring`,
/// channel email; the row's subject is the ``ScheduledWork``), with the program's renewal link.
public enum ExpiryReminderEmail {
    /// The built-in templates. Variables: `learnerName`, `course`, `issuer`, `expiresOn`
    /// (`YYYY-MM-DD`), `daysLeft`, `verificationURL`, `renewalURL` (when the program sets one), `language`.
    public static let templates = EmailTemplates(
        subject: "Reminder: your {{course}} certificate expires on {{expiresOn}}",
        text: """
            Hello {{learnerName}},

            Your {{course}} certificate from {{issuer}} expires on {{expiresOn}} ({{daysLeft}} days from now).
            {{#renewalURL}}
            Renew it here: {{renewalURL}}
            {{/renewalURL}}
            Your certificate: {{verificationURL}}
            """,
        html: """
            <!DOCTYPE html>
            <html lang="{{language}}"><head><meta charset="utf-8"><title>Your {{course}} certificate expires soon</title></head>
            <body>
            <p>Hello {{learnerName}},</p>
            <p>Your {{course}} certificate from {{issuer}} expires on <strong>{{expiresOn}}</strong> ({{daysLeft}} days from now).</p>
            {{#renewalURL}}<p><a href="{{renewalURL}}">Renew your certificate</a></p>{{/renewalURL}}
            <p><a href="{{verificationURL}}">See your certificate</a></p>
            </body></html>
            """)
}

extension OutboxWorker {
    /// The reminder email of one outbox row, from the credential as it is when the email is sent.
    func composeExpiryReminderEmail(_ row: OutboxMessage) async throws -> MIMEMessage {
        guard let recipient = row.recipient else {
            throw DeliveryError(.invalidAddress, "an expiry reminder without a recipient", isTransient: false)
        }
        let found = try await store.read { reading -> (IssuerProfile, Learner, Program, CredentialRecordSummary, ScheduledWork)? in
            guard let work = try reading.scheduledWork(id: row.subjectID),
                let credential = try reading.credentialSummary(id: work.subjectID),
                let learner = try reading.learner(id: credential.learnerID), let program = try reading.program(id: credential.programID),
                let issuer = try reading.issuer()
            else { return nil }
            return (issuer, learner, program, credential, work)
        }
        guard let (issuer, learner, program, credential, work) = found, let validUntil = credential.validUntil else {
            throw DeliveryError(.subjectMissing, "the credential of \(row.subjectID) or its records do not exist", isTransient: false)
        }
        let at = now()
        var values: [String: Any] = [
            "learnerName": learner.certificateName, "course": program.achievement.name, "issuer": issuer.name,
            "expiresOn": String(DateTimeStamp.format(validUntil).prefix(10)),
            // The lead time the reminder was planned for, so a send delayed by retries still says "30 days".
            "daysLeft": Int(work.detail) ?? max(0, Int((validUntil.timeIntervalSince(at) / 86_400).rounded(.down))),
            "verificationURL": issuer.verificationURL(credentialID: credential.id), "language": configuration.language,
        ]
        if let renewal = program.renewalURL { values["renewalURL"] = renewal }
        let rendered = try ExpiryReminderEmail.templates.render(values)
        return issuerEmail(row, from: issuer, to: MIMEMessage.Address(name: learner.certificateName, address: recipient), rendered, date: at)
    }

    /// The webhook body of a scheduled event: the usual credential, learner and program, plus
    /// `followUp` (`event`, `after`, `from`) for `credential.follow_up`, and `expiresAt`,
    /// `daysBefore` and `renewalUrl` for `credential.expiring` / `credential.expired`.
    func scheduledWebhookBody(_ row: OutboxMessage, eventID: String) async throws -> [UInt8] {
        try await store.read { reading -> [UInt8] in
            guard let issuer = try reading.issuer(), let work = try reading.scheduledWork(id: row.subjectID),
                let credential = try reading.credential(id: work.subjectID)
            else { throw DeliveryError(.subjectMissing, "the credential of \(row.subjectID) does not exist", isTransient: false) }
            let learner = try reading.learner(id: credential.learnerID)
            let program = try reading.program(id: credential.programID)
            var extra: JSONObject = ["scheduledFor": .string(DateTimeStamp.format(work.dueAt))]
            switch work.kind {
            case .followUp:
                if let followUp = program?.followUps?.first(where: { $0.event == work.detail }) {
                    extra["followUp"] = .object([
                        "event": .string(followUp.event), "after": .string(followUp.after.description),
                        "from": .string(followUp.from.rawValue),
                    ])
                } else {
                    extra["followUp"] = .object(["event": .string(work.detail)])
                }
            case .expiryReminder, .expired:
                if let validUntil = credential.validUntil { extra["expiresAt"] = .string(DateTimeStamp.format(validUntil)) }
                if let days = Int(work.detail) { extra["daysBefore"] = .number(Double(days)) }
                if let renewal = program?.renewalURL { extra["renewalUrl"] = .string(renewal) }
            case .issuance: break
            }
            return WebhookPayload.body(
                id: eventID, event: row.event.rawValue, createdAt: row.createdAt, credential: credential, completion: nil,
                learner: learner, program: program, issuer: issuer, extra: extra)
        }
    }
}
