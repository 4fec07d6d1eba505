import Foundation

/// Something that takes a finished message off our hands: an SMTP server, or a folder of `.eml` files.
public protocol MailTransport: Sendable {
    /// Delivers `message` to its `To` recipients.
    /// - Throws: ``DeliveryError``; `isTransient` says whether to try again later.
    func send(_ message: MIMEMessage) async throws
}
