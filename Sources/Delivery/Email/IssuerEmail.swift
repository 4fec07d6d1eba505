import Foundation
import IssuerCore

extension OutboxWorker {
    /// Whom the issuer's emails come from: the configured sender, else the issuer's own name and address.
    func sender(of issuer: IssuerProfile) -> MIMEMessage.Address {
        MIMEMessage.Address(name: configuration.senderName ?? issuer.name, address: configuration.senderAddress ?? issuer.email ?? "")
    }

    /// The Message-ID of `row`'s email: the row's id at the sender's domain, so a retry sends the same id.
    func messageID(of row: OutboxMessage, from sender: MIMEMessage.Address) -> String {
        "\(row.id)@\(sender.address.split(separator: "@").last.map(String.init) ?? "attest.invalid")"
    }

    /// One of the issuer's emails, rendered from its templates, from ``sender(of:)`` to one recipient.
    func issuerEmail(
        _ row: OutboxMessage, from issuer: IssuerProfile, to recipient: MIMEMessage.Address,
        _ rendered: (subject: String, text: String, html: String), date: Date
    ) -> MIMEMessage {
        let sender = sender(of: issuer)
        return MIMEMessage(
            from: sender, to: [recipient], subject: rendered.subject, text: rendered.text, html: rendered.html, date: date,
            messageID: messageID(of: row, from: sender))
    }
}
