import CanonicalJSON

/// A JSON-LD document split into its shape and its free strings: the shape is everything that can
/// steer expansion (keys, array lengths, numbers, booleans, `@context`, `@type`/`type` and keyword
/// values, and the kind of each other string), the free strings are those other strings, in the
/// order of the document.
///
/// Two documents with the same shape expand alike except where a free string lands, which
/// ``DatasetTemplate`` relies on. A free string's kind is part of the shape: an IRI-like string
/// (`scheme:…`, with or without `//`) may expand as an IRI, any other string only as itself.
struct DocumentShape {
    /// The shape as bytes, compared and hashed exactly.
    private(set) var key: [UInt8] = []
    /// The free strings, in document order.
    private(set) var freeStrings: [String] = []
    /// Whether the document is out of the templates' reach: some `@context` is more than URLs (its
    /// terms are then not all bundled ones), or it uses `@index` (whose conflicts the node map checks).
    private(set) var excludesTemplates = false

    /// Whether a member's string values are part of the shape: `type` and every `@` member (`@context`,
    /// `@type`, `@language`, `@direction`, `@index`, `@vocab`, `@base`, …) choose contexts, types and keywords.
    /// Compared by bytes: only the four ASCII letters themselves are `type`.
    static func isShaping(_ member: String) -> Bool {
        let bytes = member.utf8
        return bytes.first == UInt8(ascii: "@") || bytes.elementsEqual("type".utf8)
    }

    /// The shape of `document`.
    init(_ document: JSONValue) {
        key.reserveCapacity(1_024)
        freeStrings.reserveCapacity(64)
        walk(document, shaping: false)
    }

    private mutating func walk(_ value: JSONValue, shaping: Bool) {
        switch value {
        case .null: key.append(0)
        case .bool(let flag): key.append(flag ? 2 : 1)
        case .number(let number):
            key.append(3)
            appendInteger(Int(truncatingIfNeeded: number.bitPattern))
        case .string(let text):
            if shaping {
                key.append(4)
                appendString(text)
            } else {
                freeStrings.append(text)
                appendKind(of: text)
            }
        case .array(let items):
            key.append(7)
            appendInteger(items.count)
            for item in items { walk(item, shaping: shaping) }
        case .object(let object):
            key.append(8)
            appendInteger(object.count)
            for (member, memberValue) in object {
                appendString(member)
                if member == "@index" || (member == "@context" && memberValue.asArray.contains(where: { $0.stringValue == nil })) {
                    excludesTemplates = true
                }
                walk(memberValue, shaping: shaping || Self.isShaping(member))
            }
        }
    }

    /// 5 for a string that can only be itself; 6, the scheme and whether `//` follows for an IRI-like one.
    private mutating func appendKind(of text: String) {
        guard let scheme = Self.scheme(of: text) else {
            key.append(5)
            return
        }
        key.append(6)
        appendString(scheme.name)
        key.append(scheme.hierarchical ? 1 : 0)
    }

    /// The scheme of an IRI-like string (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`,
    /// up to the first `:`), and whether `//` follows the colon.
    static func scheme(of text: String) -> (name: String, hierarchical: Bool)? {
        let bytes = text.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon != bytes.startIndex else { return nil }
        let schemeBytes = bytes[..<colon]
        guard let first = schemeBytes.first, Self.isLetter(first) else { return nil }
        for byte in schemeBytes.dropFirst()
        where !(Self.isLetter(byte) || (0x30...0x39).contains(byte) || byte == 0x2B || byte == 0x2D || byte == 0x2E) {
            return nil
        }
        let rest = bytes[bytes.index(after: colon)...]
        return (String(text[..<colon]), rest.starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]))
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }

    private mutating func appendString(_ text: String) {
        appendInteger(text.utf8.count)
        key.append(contentsOf: text.utf8)
    }

    private mutating func appendInteger(_ value: Int) {
        withUnsafeBytes(of: value.littleEndian) { key.append(contentsOf: $0) }
    }

    /// `document` with its free strings replaced, in document order, by `replacement(index, original)`.
    static func replacingFreeStrings(in document: JSONValue, _ replacement: (Int, String) -> String) -> JSONValue {
        var index = 0
        func rebuild(_ value: JSONValue, shaping: Bool) -> JSONValue {
            switch value {
            case .string(let text) where !shaping:
                defer { index += 1 }
                return .string(replacement(index, text))
            case .array(let items):
                return .array(items.map { rebuild($0, shaping: shaping) })
            case .object(let object):
                var rebuilt = JSONObject()
                for (member, memberValue) in object {
                    rebuilt[member] = rebuild(
                        memberValue, shaping: shaping || isShaping(member))
                }
                return .object(rebuilt)
            default:
                return value
            }
        }
        return rebuild(document, shaping: false)
    }
}
