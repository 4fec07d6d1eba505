extension JSONValue {
    /// The RFC 8785 (JCS) canonical form as UTF-8 bytes, the input to hashing and signing: members
    /// sorted by UTF-16 code units, no white space, numbers as ECMAScript prints them, minimal
    /// string escaping.
    ///
    /// A non-finite number, which JSON cannot carry and the parser never produces, is written as
    /// `null`, as ECMAScript's `JSON.stringify` does.
    public var canonicalBytes: [UInt8] { serializedBytes(.canonical) }

    /// The canonical form as text.
    public var canonicalString: String { String(decoding: canonicalBytes, as: UTF8.self) }

    /// JSON text with members in their own order; `pretty` indents by two spaces for people.
    public func serialized(pretty: Bool = false) -> String {
        String(decoding: serializedBytes(pretty ? .pretty : .compact), as: UTF8.self)
    }

    private enum Style { case canonical, compact, pretty }

    private func serializedBytes(_ style: Style) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4_096)
        write(to: &output, style: style, indent: 0)
        return output
    }

    private func write(to output: inout [UInt8], style: Style, indent: Int) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let value): output.append(contentsOf: JSONValue.ecmaScriptString(value).utf8)
        case .string(let value): JSONValue.writeQuoted(value, to: &output)
        case .array(let elements):
            guard !elements.isEmpty else { return output.append(contentsOf: "[]".utf8) }
            output.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                if style == .pretty { JSONValue.newline(indent + 1, &output) }
                element.write(to: &output, style: style, indent: indent + 1)
            }
            if style == .pretty { JSONValue.newline(indent, &output) }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            guard !object.isEmpty else { return output.append(contentsOf: "{}".utf8) }
            let keys = style == .canonical ? object.keys.sorted(by: JSONValue.precedesInUTF16) : object.keys
            output.append(UInt8(ascii: "{"))
            for (offset, key) in keys.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                if style == .pretty { JSONValue.newline(indent + 1, &output) }
                JSONValue.writeQuoted(key, to: &output)
                output.append(contentsOf: style == .pretty ? ": ".utf8 : ":".utf8)
                object[key]!.write(to: &output, style: style, indent: indent + 1)
            }
            if style == .pretty { JSONValue.newline(indent, &output) }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ indent: Int, _ output: inout [UInt8]) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// RFC 8785 orders keys by UTF-16 code units; for keys that are all ASCII that is byte order,
    /// which is much cheaper to compare.
    static func precedesInUTF16(_ left: String, _ right: String) -> Bool {
        if left.utf8.allSatisfy({ $0 < 0x80 }) && right.utf8.allSatisfy({ $0 < 0x80 }) {
            return left.utf8.lexicographicallyPrecedes(right.utf8)
        }
        return left.utf16.lexicographicallyPrecedes(right.utf16)
    }

    /// Writes a string literal with the escaping RFC 8785 requires: `"` and `\`, the five short
    /// control escapes, other controls as lowercase `\u00xx`, and everything else as itself
    /// (runs without anything to escape are copied whole).
    static func writeQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var copy = text
        copy.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(contentsOf: bytes[runStart..<index])
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
                case 0x08: output.append(contentsOf: "\\b".utf8)
                case 0x0C: output.append(contentsOf: "\\f".utf8)
                case 0x0A: output.append(contentsOf: "\\n".utf8)
                case 0x0D: output.append(contentsOf: "\\r".utf8)
                case 0x09: output.append(contentsOf: "\\t".utf8)
                default:
                    output.append(contentsOf: "\\u00".utf8)
                    output.append(Hex.digits[Int(byte >> 4)])
                    output.append(Hex.digits[Int(byte & 0x0F)])
                }
                runStart = index + 1
            }
            output.append(contentsOf: bytes[runStart..<bytes.count])
        }
        output.append(UInt8(ascii: "\""))
    }
}
