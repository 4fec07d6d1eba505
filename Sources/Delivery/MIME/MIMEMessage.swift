import Foundation

/// An email with a plain-text and an HTML body and optional attachments, rendered as RFC 5322 /
/// MIME bytes with CRLF line ends and no line over 76 characters outside the headers' own limits:
/// `multipart/mixed` ⊃ (`multipart/alternative` ⊃ text/plain + text/html, attachments…); with inline
/// images the HTML is `multipart/related` ⊃ text/html + the images.
public struct MIMEMessage: Sendable, Hashable {
    /// A named mailbox.
    public struct Address: Sendable, Hashable {
        /// The display name, any script (RFC 2047 encoded when not ASCII).
        public var name: String?
        /// `local@domain`.
        public var address: String

        /// An address.
        public init(name: String? = nil, address: String) {
            self.name = name
            self.address = address
        }
    }

    /// A file sent with the message (base64).
    public struct Attachment: Sendable, Hashable {
        /// The file name offered to the reader (ASCII; other characters are replaced).
        public var fileName: String
        /// E.g. `application/pdf`.
        public var contentType: String
        /// The file's content.
        public var bytes: [UInt8]

        /// An attachment.
        public init(fileName: String, contentType: String, bytes: [UInt8]) {
            self.fileName = fileName
            self.contentType = contentType
            self.bytes = bytes
        }
    }

    /// The sender (`From`, and SMTP `MAIL FROM`).
    public var from: Address
    /// The recipients (`To`, and SMTP `RCPT TO`).
    public var to: [Address]
    /// The subject, any script.
    public var subject: String
    /// The plain-text body.
    public var text: String
    /// The HTML body.
    public var html: String
    /// Files attached after the bodies.
    public var attachments: [Attachment]
    /// Images the HTML body shows by `cid:` (``InlineImage``); none by default.
    public var inlineImages: [InlineImage] = []
    /// The `Date` header: when the message was composed (the injected clock).
    public var date: Date
    /// The `Message-ID` without angle brackets, `unique@domain`.
    public var messageID: String

    /// A message; `messageID` must be unique (e.g. the outbox row id at the sender's domain).
    public init(
        from: Address, to: [Address], subject: String, text: String, html: String, attachments: [Attachment] = [], date: Date,
        messageID: String
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
        self.date = date
        self.messageID = messageID
    }

    /// The addresses that may go into SMTP `MAIL FROM` / `RCPT TO`, checked.
    /// - Throws: ``DeliveryError`` `invalidAddress` (permanent) for an address a server must refuse.
    public func validatedAddresses() throws -> (sender: String, recipients: [String]) {
        for address in [from] + to where !MIMEHeaders.isValidAddress(address.address) {
            throw DeliveryError(
                .invalidAddress, "'\(MIMEHeaders.sanitized(address.address))' is not a valid email address", isTransient: false)
        }
        guard !to.isEmpty else { throw DeliveryError(.invalidAddress, "the message has no recipient", isTransient: false) }
        return (from.address, to.map(\.address))
    }

    /// The message as sent: headers, a blank line, the body; CRLF throughout.
    public func rendered() throws -> [UInt8] {
        _ = try validatedAddresses()
        // Boundaries start with "=_", which neither base64 nor quoted-printable output can contain.
        let seed = messageID.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
        let mixed = "=_mix_" + String(seed, radix: 16)
        let alternative = "=_alt_" + String(seed, radix: 16)
        let related = "=_rel_" + String(seed, radix: 16)
        var lines: [String] = [
            "From: " + MIMEHeaders.mailbox(name: from.name, address: from.address),
            "To: " + to.map { MIMEHeaders.mailbox(name: $0.name, address: $0.address) }.joined(separator: ",\r\n "),
            "Subject: " + MIMEHeaders.unstructured(subject, headerName: "Subject"),
            "Date: " + Self.rfc5322Date(date),
            "Message-ID: <\(MIMEHeaders.sanitized(messageID).replacingOccurrences(of: " ", with: ""))>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"\(mixed)\"",
            "",
            "This is a multi-part message in MIME format.",
            "--\(mixed)",
            "Content-Type: multipart/alternative; boundary=\"\(alternative)\"",
            "",
            "--\(alternative)",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            TransferEncoding.quotedPrintable(text),
            "--\(alternative)",
        ]
        lines += htmlPartLines(boundary: related)
        lines += ["--\(alternative)--"]
        for attachment in attachments {
            let name = Self.safeFileName(attachment.fileName)
            let type = MIMEHeaders.sanitized(attachment.contentType).replacingOccurrences(of: " ", with: "")
            lines += [
                "--\(mixed)",
                "Content-Type: \(type); name=\"\(name)\"",
                "Content-Disposition: attachment; filename=\"\(name)\"",
                "Content-Transfer-Encoding: base64",
                "",
                TransferEncoding.base64(attachment.bytes),
            ]
        }
        lines += ["--\(mixed)--", ""]
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    /// RFC 5322 date-time in UTC, e.g. `Mon, 23 Nov 2026 09:00:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    static func safeFileName(_ name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_".unicodeScalars)
        let cleaned = String(String.UnicodeScalarView(name.unicodeScalars.map { allowed.contains($0) ? $0 : "_" }))
        return cleaned.isEmpty ? "attachment" : String(cleaned.prefix(60))
    }
}
