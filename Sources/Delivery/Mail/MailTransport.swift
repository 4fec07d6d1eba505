import Foundation

/// Something that takes a finished message off our hands: an SMTP server, or a folder of `.eml` files.
public protocol MailTransport: Sendable {
    /// Delivers `message` to its `To` recipients.
    /// - Throws: ``DeliveryError``; `isTransient` says whether to try again later.
    func send(_ message: MIMEMessage) async throws
}

/// The transport `attest serve` / `attest deliver` use.
public enum ConfiguredMailTransport {
    /// An ``SMTPMailer`` for `smtpURL` (`--smtp-url` / `ATTEST_SMTP_URL`), or, without one, an
    /// ``EMLFolderMailer`` writing into `outboxFolder` (and `log` says so once, here).
    public static func make(smtpURL: String?, outboxFolder: URL, log: @escaping @Sendable (String) -> Void) throws -> any MailTransport {
        if let smtpURL, !smtpURL.isEmpty { return SMTPMailer(settings: try SMTPSettings(url: smtpURL)) }
        log("no SMTP server configured (--smtp-url / ATTEST_SMTP_URL): emails are written to \(outboxFolder.path)")
        return EMLFolderMailer(folder: outboxFolder, log: log)
    }
}
