import Foundation

/// Header-safe text: RFC 2047 encoded-words for non-ASCII text, and no way for data to inject a
/// header (every CR, LF and other control character becomes a space before anything is written).
enum MIMEHeaders {
    /// Removes control characters (CR and LF above all) so a value can never start a new header.
    static func sanitized(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) ? " " : scalar
                }))
    }

    /// Unstructured text (a subject): kept as is when short printable ASCII, otherwise encoded-words
    /// folded onto continuation lines so that no line exceeds 76 characters.
    static func unstructured(_ text: String, headerName: String) -> String {
        let clean = sanitized(text)
        if isPlainASCII(clean), headerName.count + 2 + clean.count <= 76, !clean.contains("=?") { return clean }
        return encodedWords(clean).joined(separator: "\r\n ")
    }

    /// A mailbox `Name <address>`; the name quoted or encoded as needed.
    static func mailbox(name: String?, address: String) -> String {
        guard let name, !sanitized(name).trimmingCharacters(in: .whitespaces).isEmpty else { return "<\(address)>" }
        let clean = sanitized(name).trimmingCharacters(in: .whitespaces)
        if isPlainASCII(clean), !clean.contains("=?") {
            let escaped = clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\" <\(address)>"
        }
        // The address goes on its own continuation line so no line grows past 78 characters.
        return encodedWords(clean).joined(separator: "\r\n ") + "\r\n <\(address)>"
    }

    /// Whether `address` is a plain `local@domain` with nothing a header or SMTP command could misread.
    static func isValidAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, address.utf8.count <= 254 else { return false }
        let forbidden = Set("<>()[]\\,;:\" \t\r\n".unicodeScalars)
        let plain = address.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !forbidden.contains($0) }
        return plain && (parts[1].contains(".") || parts[1] == "localhost")
    }

    private static func isPlainASCII(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
    }

    /// `=?UTF-8?B?…?=` words of at most 75 characters, never splitting a character's bytes.
    static func encodedWords(_ text: String) -> [String] {
        let prefix = "=?UTF-8?B?", suffix = "?="
        // 39 bytes → 52 base64 characters → 64-character words: with "Subject: " or a folding space
        // in front, every header line stays within 76 characters.
        let maximumBytes = 39
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > maximumBytes, !chunk.isEmpty {
                words.append(prefix + Data(chunk).base64EncodedString() + suffix)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(prefix + Data(chunk).base64EncodedString() + suffix) }
        return words
    }
}
