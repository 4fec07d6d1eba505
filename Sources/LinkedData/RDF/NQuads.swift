/// N-Quads (RDF 1.1) reading and canonical writing.
///
/// Writing follows the canonical form RDFC-1.0 requires: one quad per line ending in `\n`, IRIs
/// as they are, literals escaped minimally (`\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, other
/// control characters and U+007F as `\uXXXX` with uppercase hex), `xsd:string` left implicit.
public enum NQuads {
    /// Parses N-Quads text: one statement per line, `#` comments, `\u`/`\U` escapes in IRIs and
    /// literals, `\`-escapes in literals.
    /// With `allowGeneralized`, blank-node predicates (generalized RDF) are accepted.
    public static func parse(_ text: String, allowGeneralized: Bool = false) throws(LinkedDataError) -> RDFDataset {
        var reader = NQuadsReader(bytes: Array(text.utf8), allowGeneralized: allowGeneralized)
        return try reader.readDataset()
    }

    /// The canonical N-Quads text of the quads, in the given order.
    public static func serialize(_ quads: [Quad]) -> String {
        var output = ""
        for quad in quads { output += line(for: quad) }
        return output
    }

    /// One quad as a canonical N-Quads line, with its final `\n`.
    public static func line(for quad: Quad) -> String {
        var output = ""
        write(quad.subject, to: &output)
        output += " "
        write(quad.predicate, to: &output)
        output += " "
        write(quad.object, to: &output)
        if let graph = quad.graph {
            output += " "
            write(graph, to: &output)
        }
        output += " .\n"
        return output
    }

    /// Appends one term in canonical N-Quads form.
    public static func write(_ term: RDFTerm, to output: inout String) {
        switch term {
        case .iri(let iri):
            output += "<" + iri + ">"
        case .blankNode(let label):
            output += "_:" + label
        case .literal(let literal):
            writeEscaped(literal.value, to: &output)
            if let language = literal.language {
                output += "@" + language
            } else if literal.datatype != RDFVocabulary.xsdString {
                output += "^^<" + literal.datatype + ">"
            }
        }
    }

    private static func writeEscaped(_ text: String, to output: inout String) {
        output += "\""
        // Most literals need no escaping: append them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{00}"..."\u{1F}", "\u{7F}":
                let hex = String(scalar.value, radix: 16, uppercase: true)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
