extension MIMEMessage {
    /// An image the HTML body shows in place (`<img src="cid:CONTENT-ID">`), sent with the HTML in a
    /// `multipart/related` part (RFC 2387, RFC 2392).
    public struct InlineImage: Sendable, Hashable {
        /// The `Content-ID` without angle brackets, `unique@domain`; the HTML refers to `cid:` it.
        public var contentID: String
        /// E.g. `image/png`.
        public var contentType: String
        /// The file name offered to the reader (ASCII; other characters are replaced).
        public var fileName: String
        /// The image's bytes.
        public var bytes: [UInt8]

        /// An inline image.
        public init(contentID: String, contentType: String, fileName: String, bytes: [UInt8]) {
            self.contentID = contentID
            self.contentType = contentType
            self.fileName = fileName
            self.bytes = bytes
        }
    }

    /// The HTML body's lines: `text/html` alone, or `multipart/related` ⊃ text/html + the inline images.
    func htmlPartLines(boundary related: String) -> [String] {
        let html = [
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            TransferEncoding.quotedPrintable(self.html),
        ]
        guard !inlineImages.isEmpty else { return html }
        var lines = ["Content-Type: multipart/related; type=\"text/html\";", " boundary=\"\(related)\"", "", "--\(related)"] + html
        for image in inlineImages {
            let name = Self.safeFileName(image.fileName)
            let type = MIMEHeaders.sanitized(image.contentType).replacingOccurrences(of: " ", with: "")
            let contentID = MIMEHeaders.sanitized(image.contentID).filter { $0 != " " && $0 != "<" && $0 != ">" }
            lines += [
                "--\(related)",
                "Content-Type: \(type); name=\"\(name)\"",
                "Content-Disposition: inline; filename=\"\(name)\"",
                "Content-ID: <\(contentID)>",
                "Content-Transfer-Encoding: base64",
                "",
                TransferEncoding.base64(image.bytes),
            ]
        }
        return lines + ["--\(related)--"]
    }
}
