extension JSONValue {
    /// The RFC 8785 (JCS) canonical form: members sorted by UTF-16 code units, no white space,
    /// numbers as ECMAScript prints them, minimal string escaping.
    ///
    /// A non-finite number, which JSON cannot carry and the parser never produces, is written as
    /// `null`, as ECMAScript's `JSON.stringify` does.
    public var canonicalString: String {
        var output = ""
        write(to: &output, style: .canonical, indent: 0)
        return output
    }

    /// The canonical form as UTF-8 bytes, the input to hashing and signing.
    public var canonicalBytes: [UInt8] { Array(canonicalString.utf8) }

    /// JSON text with members in their own order; `pretty` indents by two spaces for people.
    public func serialized(pretty: Bool = false) -> String {
        var output = ""
        write(to: &output, style: pretty ? .pretty : .compact, indent: 0)
        return output
    }

    private enum Style { case canonical, compact, pretty }

    private func write(to output: inout String, style: Style, indent: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value): output += JSONValue.ecmaScriptString(value)
        case .string(let value): JSONValue.writeQuoted(value, to: &output)
        case .array(let elements):
            guard !elements.isEmpty else { output += "[]"; return }
            output += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output += "," }
                if style == .pretty { output += "\n" + String(repeating: "  ", count: indent + 1) }
                element.write(to: &output, style: style, indent: indent + 1)
            }
            if style == .pretty { output += "\n" + String(repeating: "  ", count: indent) }
            output += "]"
        case .object(let object):
            guard !object.isEmpty else { output += "{}"; return }
            let keys = style == .canonical ? object.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) } : object.keys
            output += "{"
            for (offset, key) in keys.enumerated() {
                if offset > 0 { output += "," }
                if style == .pretty { output += "\n" + String(repeating: "  ", count: indent + 1) }
                JSONValue.writeQuoted(key, to: &output)
                output += style == .pretty ? ": " : ":"
                object[key]!.write(to: &output, style: style, indent: indent + 1)
            }
            if style == .pretty { output += "\n" + String(repeating: "  ", count: indent) }
            output += "}"
        }
    }

    /// Writes a string literal with the escaping RFC 8785 requires: `"` and `\`, the five short
    /// control escapes, other controls as lowercase `\u00xx`, and everything else as itself.
    static func writeQuoted(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
