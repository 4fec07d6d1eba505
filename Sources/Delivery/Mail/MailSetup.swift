import Foundation
import IssuerCore
import Pages

/// The mail transport `attest serve` sends with, and what staff may see of it: the server, how
/// the connection is protected, the user, whether a password is set (never the password), the
/// sender. The console's Settings → Email shows it and sends a test message through it.
public struct MailSetup: Sendable {
    /// One line of the summary.
    public struct Setting: Sendable, Hashable {
        /// What it is ("Server", "Protection", …).
        public let label: String
        /// Its value, safe to show.
        public let value: String
    }

    /// Where messages go.
    public let transport: any MailTransport
    /// Who they come from.
    public let sender: MIMEMessage.Address
    /// What staff may see.
    public let settings: [Setting]

    /// The setup for `smtpURL` (`nil`: `.eml` files in `outboxFolder`) sending as `sender`.
    public static func make(
        smtpURL: String?, outboxFolder: URL, sender: MIMEMessage.Address, log: @escaping @Sendable (String) -> Void
    ) throws -> MailSetup {
        let transport = try ConfiguredMailTransport.make(smtpURL: smtpURL, outboxFolder: outboxFolder, log: log)
        var settings: [Setting]
        if let smtpURL, !smtpURL.isEmpty {
            let smtp = try SMTPSettings(url: smtpURL)
            let protection =
                switch smtp.security {
                case .implicitTLS: "TLS from the start (smtps)"
                case .requireStartTLS: "STARTTLS, required"
                case .opportunisticStartTLS: "STARTTLS when the server offers it"
                }
            settings = [
                Setting(label: "Server", value: smtp.serverURL), Setting(label: "Protection", value: protection),
                Setting(label: "User", value: smtp.user ?? "none (no AUTH)"),
                Setting(label: "Password", value: smtp.password == nil ? "none" : "set (never shown)"),
            ]
            if let caFile = smtp.caFile { settings.append(Setting(label: "Trusted CA file", value: caFile)) }
        } else {
            settings = [Setting(label: "Server", value: "none: emails are written as .eml files to \(outboxFolder.path)")]
        }
        settings.append(Setting(label: "Sender", value: sender.name.map { "\($0) <\(sender.address)>" } ?? sender.address))
        return MailSetup(transport: transport, sender: sender, settings: settings)
    }

    /// Sends a short test message to `address` now (not through the outbox: the answer is shown
    /// to whoever asked). Throws ``DeliveryError`` when the server refuses or cannot be reached.
    public func sendTest(to address: String, requestedBy name: String, at date: Date, messageID: String) async throws {
        let text = "This is a test message from Attest, sent by \(name) from the staff console, to check that email reaches \(address).\n"
        let html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Attest test message</title></head><body><p>"
            + HTMLEscaping.escape(text) + "</p></body></html>"
        try await transport.send(
            MIMEMessage(
                from: sender, to: [MIMEMessage.Address(address: address)], subject: "Attest test message", text: text, html: html,
                date: date, messageID: messageID))
    }
}
