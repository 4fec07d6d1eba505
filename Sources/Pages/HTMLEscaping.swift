import Mustache

/// HTML escaping for every HTML template (emails, public pages, the learner portal, the staff console): `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`,
/// `&quot;` and `&#39;`, exactly the set and the forms Mustache's own HTML escaping writes, found
/// by UTF-8 byte.
///
/// Mustache's own escaping looks each `Character` up in a dictionary. That was 40 % of rendering a
/// verification page (a quarter of the server's CPU at 50 connections), and, worse, it misses a
/// quote or `<` followed by a combining mark: Swift counts `"` + U+0301 as one `Character` that is
/// not `"`, yet an HTML parser ends the attribute value at the `"`. These five bytes never occur
/// inside a multi-byte UTF-8 sequence, so escaping bytes escapes every one of them.
public struct HTMLEscaping: MustacheContentType {
    /// `source` made to escape its values with this type: the pragma that selects it, put first.
    public static func template(_ source: String) throws -> MustacheTemplate {
        _ = registered
        return try MustacheTemplate(string: "{{% CONTENT_TYPE: ATTEST_HTML}}" + source)
    }

    /// The content type, registered process-wide under the pragma's name the first time a template needs it.
    private static let registered: Void = MustacheContentTypes.register(HTMLEscaping(), named: "ATTEST_HTML")

    /// Mustache's hook for `{{value}}`: ``escape(_:)``.
    public func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    /// `text` with the five characters replaced, byte by byte.
    public static func escape(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.contains(where: Self.needsEscaping) else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count + 32)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): escaped += "&amp;".utf8
            case UInt8(ascii: "<"): escaped += "&lt;".utf8
            case UInt8(ascii: ">"): escaped += "&gt;".utf8
            case UInt8(ascii: "\""): escaped += "&quot;".utf8
            case UInt8(ascii: "'"): escaped += "&#39;".utf8
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }
}
