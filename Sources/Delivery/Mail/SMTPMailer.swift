internal import CCurl
import Foundation

/// Submits messages to an SMTP server through libcurl (AUTH, STARTTLS or implicit TLS, certificate
/// checks on). Each message gets a fresh connection.
///
/// Failures are classified for retries: no answer (refused, timeout, TLS) and 4xx replies are
/// transient; 5xx replies and invalid addresses are permanent, with the server's reply kept.
public struct SMTPMailer: MailTransport {
    /// The server and its credentials.
    public let settings: SMTPSettings
    /// The threads the blocking transfer runs on (tests give a pool of their own).
    var pool = CurlThreadPool.shared

    /// A mailer for these settings.
    public init(settings: SMTPSettings) {
        self.settings = settings
    }

    /// Submits the message over one new SMTP connection.
    public func send(_ message: MIMEMessage) async throws {
        let (sender, recipients) = try message.validatedAddresses()
        let bytes = try message.rendered()
        let settings = settings
        // libcurl blocks: the transfer runs on the bounded curl threads, not the concurrency pool.
        try await pool.run { try Self.submit(bytes, from: sender, to: recipients, settings: settings) }
    }

    /// The blocking part of ``send(_:)``: one libcurl SMTP transfer.
    private static func submit(_ bytes: [UInt8], from sender: String, to recipients: [String], settings: SMTPSettings) throws {
        let transfer = try CurlTransfer()
        try transfer.set(CURLOPT_URL, settings.serverURL)
        try transfer.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        switch settings.security {
        case .implicitTLS: break
        case .requireStartTLS: try transfer.set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        case .opportunisticStartTLS: try transfer.set(CURLOPT_USE_SSL, Int(CURLUSESSL_TRY.rawValue))
        }
        if let caFile = settings.caFile { try transfer.set(CURLOPT_CAINFO, caFile) }
        if let user = settings.user { try transfer.set(CURLOPT_USERNAME, user) }
        if let password = settings.password { try transfer.set(CURLOPT_PASSWORD, password) }
        try transfer.set(CURLOPT_MAIL_FROM, "<\(sender)>")
        try transfer.set(CURLOPT_MAIL_RCPT, list: recipients.map { "<\($0)>" })
        try transfer.set(CURLOPT_CONNECTTIMEOUT, settings.connectTimeout)
        try transfer.set(CURLOPT_TIMEOUT, settings.timeout)
        try transfer.setUpload(bytes)
        try transfer.captureServerReplies()
        let outcome = transfer.perform()
        guard outcome.result != CURLE_OK else { return }
        let reply = transfer.lastServerReply
        let message = reply.isEmpty || outcome.responseCode == 0 ? outcome.message : "\(reply); \(outcome.message)"
        throw classify(outcome.result, message: message, replyCode: outcome.responseCode, server: settings.serverURL)
    }

    static func classify(_ result: CURLcode, message: String, replyCode: Int, server: String) -> DeliveryError {
        switch replyCode {
        case 500...599:
            return DeliveryError(
                .smtpRejected, "\(server) refused the message: \(message)", isTransient: false, responseCode: replyCode)
        case 400...499:
            return DeliveryError(
                .smtpDeferred, "\(server) deferred the message: \(message)", isTransient: true, responseCode: replyCode)
        default:
            return DeliveryError(
                CurlTransfer.code(for: result), "could not submit to \(server): \(message)", isTransient: CurlTransfer.isTransient(result),
                responseCode: replyCode == 0 ? nil : replyCode)
        }
    }
}
