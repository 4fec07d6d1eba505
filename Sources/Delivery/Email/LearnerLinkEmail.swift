import Foundation
import IssuerCore
import VerifiableCredentials

/// The email with a learner's magic link (outbox event ``IssuerCore/LearnerLinkToken/outboxEvent``,
/// written by the server's `POST /learner/login`; the row's `recipient` is the address). The token
/// is made here, when the email is composed, and only its hash is stored: no row holds it.
public enum LearnerLinkEmail {
    /// The built-in templates. Variables: `learnerName`, `issuer`, `link`, `expiresAt`.
    public static let templates = EmailTemplates(
        subject: "Your certificates from {{issuer}}",
        text: """
            Hello {{learnerName}},

            Someone (we hope you) asked for a link to your certificates from {{issuer}}:

            {{link}}

            The link works until {{expiresAt}}. If you did not ask for it, ignore this email: nobody
            can use the link without access to your mailbox.
            """,
        html: """
            <p>Hello {{learnerName}},</p>
            <p>Someone (we hope you) asked for a link to your certificates from {{issuer}}:</p>
            <p><a href="{{link}}">Open my certificates</a></p>
            <p>The link works until {{expiresAt}}. If you did not ask for it, ignore this email: nobody can use the link without access to your mailbox.</p>
            """)
}

extension OutboxWorker {
    /// The link email of one outbox row, with a new link (which ends the address's last one). A
    /// request that waited longer than a link's lifetime is not sent: the learner has asked again or given up.
    func composeLearnerLinkEmail(_ row: OutboxMessage) async throws -> MIMEMessage {
        guard let recipient = row.recipient else {
            throw DeliveryError(.subjectMissing, "the outbox row \(row.id) holds no learner address", isTransient: false)
        }
        guard row.createdAt.addingTimeInterval(LearnerLinkToken.lifetime) > now() else {
            throw DeliveryError(.linkExpired, "the learner link request expired before it could be sent", isTransient: false)
        }
        let found = try await store.read { reading -> (IssuerProfile?, Learner?) in
            (try reading.issuer(), try reading.learners(email: recipient, limit: 1).first)
        }
        guard let issuer = found.0 else { throw DeliveryError(.subjectMissing, "the issuer is not set up", isTransient: false) }
        let name = found.1?.certificateName ?? recipient
        let token = try await LearnerLinks(store: store, now: now, random: random).issue(to: recipient)
        let rendered = try LearnerLinkEmail.templates.render([
            "learnerName": name, "issuer": issuer.name, "link": "\(issuer.baseURL)/learner/\(token.text)",
            "expiresAt": DateTimeStamp.format(token.expiresAt).prefix(16).replacingOccurrences(of: "T", with: " ") + " UTC",
        ])
        return issuerEmail(row, from: issuer, to: MIMEMessage.Address(name: name, address: recipient), rendered, date: now())
    }
}
