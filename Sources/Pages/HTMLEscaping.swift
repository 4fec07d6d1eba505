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
        guard text.utf8.contains(where: Self.needsEscaping) else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + 32)
        appendEscaped(text, to: &escaped)
        return String(decoding: escaped, as: UTF8.self)
    }

    /// Appends `text` to `output` as UTF-8 with the five characters replaced (``HTMLWriter`` writes
    /// pages this way, without a `String` per value).
    public static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): output += "&amp;".utf8
            case UInt8(ascii: "<"): output += "&lt;".utf8
            case UInt8(ascii: ">"): output += "&gt;".utf8
            case UInt8(ascii: "\""): output += "&quot;".utf8
            case UInt8(ascii: "'"): output += "&#39;".utf8
            default: output.append(byte)
            }
        }
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }
}
