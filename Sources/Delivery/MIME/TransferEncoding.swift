import Foundation

/// Content-Transfer-Encodings with lines of at most 76 characters and CRLF line ends.
enum TransferEncoding {
    /// Base64 in lines of 76 characters (RFC 2045 §6.8).
    static func base64(_ bytes: some Collection<UInt8>) -> String {
        Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    /// Quoted-printable (RFC 2045 §6.7) of UTF-8 text. Line breaks in the text become hard CRLF
    /// breaks; long lines get soft breaks; `.` at a line start is encoded so no relay can mistake it
    /// for the end of the DATA section.
    static func quotedPrintable(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return normalized.split(separator: "\n", omittingEmptySubsequences: false).map { encodeLine(Array($0.utf8)) }
            .joined(separator: "\r\n")
    }

    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var output = ""
        var lineLength = 0
        for (offset, byte) in bytes.enumerated() {
            let isLast = offset == bytes.count - 1
            let literal =
                (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=") && !(byte == UInt8(ascii: ".") && lineLength == 0))
                || ((byte == 0x20 || byte == 0x09) && !isLast)
            var token = literal ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
            // Keep room for the soft break `=` so a line never exceeds 76 characters.
            if lineLength + token.count > 75 {
                output += "=\r\n"
                lineLength = 0
                if token == "." { token = "=2E" }
            }
            output += token
            lineLength += token.count
        }
        return output
    }
}
