import Foundation
import IssuerCore
import VerifiableCredentials

/// The email with the transaction code of an OpenID4VCI credential offer (outbox event
/// ``IssuerCore/OpenID4VCIIssuance/outboxEvent``; the row's subject is the offer's id). The code is
/// made here, when the email is composed, and only its hash is stored: it reaches the learner by
/// this second channel only, never with the offer's QR code or link.
public enum WalletTransactionCodeEmail {
    /// The built-in templates. Variables: `name`, `issuer`, `code`, `expiresAt`.
    public static let templates = EmailTemplates(
        subject: "Your code for adding a certificate from {{issuer}} to your wallet",
        text: """
            Hello {{name}},

            Your wallet asks for a code to receive your certificate from {{issuer}}. Enter this code:

            {{code}}

            It works until {{expiresAt}}. If you did not ask to add a certificate to a wallet, ignore
            this email: nobody can receive the certificate without this code.
            """,
        html: """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Your wallet code from {{issuer}}</title>
            </head>
            <body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;">
            <main style="max-width:600px;margin:0 auto;padding:24px 16px;">
            <h1 style="font-size:24px;line-height:1.3;margin:0 0 16px;">Your wallet code</h1>
            <p>Hello {{name}},</p>
            <p>Your wallet asks for a code to receive your certificate from {{issuer}}. Enter this code:</p>
            <p style="font-family:monospace;font-size:28px;letter-spacing:4px;font-weight:bold;">{{code}}</p>
            <p>It works until {{expiresAt}}.</p>
            <p>If you did not ask to add a certificate to a wallet, ignore this email: nobody can receive the certificate without this code.</p>
            <p style="margin-top:24px;">{{issuer}}</p>
            </main>
            </body>
            </html>

            """)
}

extension OutboxWorker {
    /// The transaction-code email of one outbox row, with a new code for the offer; an offer that
    /// no longer waits for its code (redeemed, closed, expired) is sent nothing.
    func composeWalletTransactionCodeEmail(_ row: OutboxMessage) async throws -> MIMEMessage {
        let issuance = OpenID4VCIIssuance(
            environment: IssuerEnvironment(store: store, now: now, random: random, keys: InMemoryKeyProvider(keys: [:])))
        guard let made = try await issuance.transactionCode(forOfferID: row.subjectID) else {
            throw DeliveryError(.subjectMissing, "the credential offer \(row.subjectID) no longer waits for a code", isTransient: false)
        }
        let found = try await store.read { reading -> (IssuerProfile?, Learner?) in
            (try reading.issuer(), try reading.learner(id: made.offer.learnerID))
        }
        guard let issuer = found.0, let learner = found.1 else {
            throw DeliveryError(.subjectMissing, "the issuer or learner of offer \(row.subjectID) does not exist", isTransient: false)
        }
        let recipient = row.recipient ?? learner.email
        let rendered = try WalletTransactionCodeEmail.templates.render([
            "name": learner.certificateName, "issuer": issuer.name, "code": made.code,
            "expiresAt": DateTimeStamp.format(made.offer.expiresAt).prefix(16).replacingOccurrences(of: "T", with: " ") + " UTC",
        ])
        return issuerEmail(row, from: issuer, to: MIMEMessage.Address(name: learner.certificateName, address: recipient), rendered, date: now())
    }
}
