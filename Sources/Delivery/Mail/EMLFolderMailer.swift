import Foundation

/// Writes each message as `<Message-ID local part>.eml` into a folder instead of sending it: what
/// Attest does when no SMTP server is configured, so certificates are never lost and an operator
/// can forward them by hand. The file is written atomically and `log` says where.
///
/// - Warning: A message holds the certificate PDF, its passcode and the learner's claim and
///   portal links, so each file is created 0600 and the folder 0700 (whatever the umask).
public struct EMLFolderMailer: MailTransport {
    /// Where the `.eml` files go.
    public let folder: URL
    let log: @Sendable (String) -> Void

    /// A mailer into `folder` (created when missing).
    public init(folder: URL, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.folder = folder
        self.log = log
    }

    /// Writes the message as an `.eml` file.
    public func send(_ message: MIMEMessage) async throws {
        let bytes = try message.rendered()
        let name = String(message.messageID.prefix { $0 != "@" }).filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        let file = folder.appendingPathComponent((name.isEmpty ? "message" : name) + ".eml")
        do {
            try PrivateFiles.makeFolder(folder)
            // Not fsynced, as before: the outbox row, not this file, is the record of the send.
            try PrivateFiles.writeAtomically(bytes, to: file, durable: false)
        } catch {
            throw DeliveryError(.outboxFolderUnwritable, "could not write \(file.path): \(error)", isTransient: true)
        }
        log("no SMTP server configured: wrote the message to \(message.to.map(\.address).joined(separator: ", ")) as \(file.path)")
    }
}
