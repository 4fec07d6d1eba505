/// Open Badges 3.0 baking for SVG (§5.3.2): the signed credential inside one
/// `<openbadges:credential>` element (namespace `https://purl.imsglobal.org/ob/v3p0`) as CDATA.
///
/// The reader is a small scanner, not an XML parser: it refuses any document type declaration
/// (so no entity, internal or external, is ever expanded), skips comments, processing
/// instructions and CDATA outside the element, and reads the element's text and CDATA with only
/// XML's five predefined entities and character references.
public enum SVGBadge {
    /// The Open Badges 3.0 namespace of the `credential` element.
    public static let namespace = "https://purl.imsglobal.org/ob/v3p0"

    /// Whether `bytes` look like an SVG document (an XML declaration, comment or `<svg` first).
    public static func looksLikeSVG(_ bytes: some Collection<UInt8>) -> Bool {
        let head = String(decoding: bytes.prefix(512), as: UTF8.self).drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        return head.hasPrefix("<?xml") || head.hasPrefix("<svg") || head.hasPrefix("<!--")
    }

    /// An SVG showing `png` (width × height pixels) with `credential` baked in; `title` names it
    /// for assistive technology.
    public static func bake(_ credential: [UInt8], png: [UInt8], title: String) throws(CredentialError) -> [UInt8] {
        let (width, height) = try PNGBadge.size(of: png)
        // "]]>" cannot appear inside one CDATA section: split it across two.
        let text = String(decoding: credential, as: UTF8.self).replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>")
        let svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="\(namespace)" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" role="img">
            <openbadges:credential><![CDATA[\(text)]]></openbadges:credential>
            <title>\(escape(title))</title>
            <image width="\(width)" height="\(height)" href="data:image/png;base64,\(base64(png))"/>
            </svg>

            """
        return Array(svg.utf8)
    }

    /// The credential baked into `svg`, as its UTF-8 bytes.
    /// - Throws: `bakedBadgeTooLarge` over `limits`; `invalidBakedBadge` when it is not UTF-8,
    ///   declares a document type or entities, is malformed where the scanner reads, or holds no
    ///   or several `credential` elements of the Open Badges namespace.
    public static func credential(in svg: [UInt8], limits: BakedBadgeLimits = BakedBadgeLimits()) throws(CredentialError) -> [UInt8] {
        guard svg.count <= limits.maximumImageBytes else {
            throw CredentialError(.bakedBadgeTooLarge, "the SVG has \(svg.count) bytes; at most \(limits.maximumImageBytes) are read")
        }
        guard let text = String(validating: svg, as: UTF8.self) else { throw CredentialError(.invalidBakedBadge, "the SVG is not UTF-8") }
        var scanner = SVGScanner(text: Array(text.unicodeScalars), limits: limits)
        return Array(try scanner.credential().utf8)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let value = chunk.enumerated().reduce(0) { $0 | Int($1.element) << (16 - 8 * $1.offset) }
            for position in 0..<4 {
                out.append(position <= chunk.count ? alphabet[(value >> (18 - 6 * position)) & 63] : "=")
            }
            index += 3
        }
        return out
    }
}
