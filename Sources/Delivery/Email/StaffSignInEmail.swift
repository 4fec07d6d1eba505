import Foundation
import IssuerCore
import VerifiableCredentials

/// The email with a staff member's sign-in link to the console (outbox event
/// ``IssuerCore/StaffSignIn/outboxEvent``, queued by `POST /console/login`; the row's subject is
/// the member's id). The link's token is made here, when the email is composed, and only its hash
/// is stored: no row holds it. A whole HTML document with `lang`, a title and a single column that
/// reads on a phone, and the same words as plain text.
public enum StaffSignInEmail {
    /// The built-in templates. Variables: `name`, `issuer`, `link`, `expiresAt`, `minutes`.
    public static let templates = EmailTemplates(
        subject: "Sign in to the {{issuer}} staff console",
        text: """
            Hello {{name}},

            Use this link to sign in to the {{issuer}} staff console:

            {{link}}

            It works once, for {{minutes}} minutes (until {{expiresAt}}). If you did not ask to sign in,
            ignore this email: nobody can use the link without access to your mailbox.
            """,
        html: """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in to the {{issuer}} staff console</title>
            </head>
            <body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;">
            <main style="max-width:600px;margin:0 auto;padding:24px 16px;">
            <h1 style="font-size:24px;line-height:1.3;margin:0 0 16px;">Sign in to the staff console</h1>
            <p>Hello {{name}},</p>
            <p>Use this button to sign in to the {{issuer}} staff console.</p>
            <p><a href="{{link}}" style="display:inline-block;background:#0b3d91;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:bold;">Sign in to the staff console</a></p>
            <p>It works once, for {{minutes}} minutes (until {{expiresAt}}).</p>
            <p>If the button does not work, copy this address into your browser:</p>
            <p style="word-break:break-all;font-family:monospace;">{{link}}</p>
            <p>If you did not ask to sign in, ignore this email: nobody can use the link without access to your mailbox.</p>
            <p style="margin-top:24px;">{{issuer}}</p>
            </main>
            </body>
            </html>

            """)
}

extension OutboxWorker {
    /// The sign-in email of one outbox row, with a new single-use link that works for 15 minutes
    /// from when it was asked for (the row's `createdAt`, on the server's clock). A member disabled
    /// meanwhile is sent nothing.
    func composeStaffSignInEmail(_ row: OutboxMessage) async throws -> MIMEMessage {
        let signIn = StaffSignIn(
            environment: IssuerEnvironment(store: store, now: now, random: random, keys: InMemoryKeyProvider(keys: [:])))
        let found = try await store.read { reading -> (IssuerProfile?, StaffMember?) in
            (try reading.issuer(), try reading.staffMember(id: row.subjectID))
        }
        guard let issuer = found.0, let member = found.1, member.isActive else {
            throw DeliveryError(.subjectMissing, "the member of staff \(row.subjectID) does not exist or is disabled", isTransient: false)
        }
        let link = try await signIn.issueLink(to: member, requestedAt: row.createdAt)
        let rendered = try StaffSignInEmail.templates.render([
            "name": member.name, "issuer": issuer.name, "link": "\(issuer.baseURL)/console/sign-in/\(link.token)",
            "minutes": Int(signIn.policy.linkLifetime / 60),
            "expiresAt": DateTimeStamp.format(link.expiresAt).prefix(16).replacingOccurrences(of: "T", with: " ") + " UTC",
        ])
        return issuerEmail(row, from: issuer, to: MIMEMessage.Address(name: member.name, address: member.email), rendered, date: now())
    }
}
