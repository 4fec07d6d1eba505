import CanonicalJSON
import Foundation

/// Canonical N-Quads written straight into bytes: what RDFC-1.0 sorts and hashes, without building
/// a `String` per line.
extension NQuads {
    /// Appends one quad as a canonical N-Quads line (the same bytes as ``line(for:)``).
    static func appendLine(_ quad: Quad, to output: inout [UInt8]) {
        appendLine(quad, to: &output) { $0 }
    }

    /// Appends one quad as a canonical N-Quads line with each blank node in subject, object or graph
    /// position written under the label `relabel` gives it (a blank-node predicate of generalized
    /// RDF keeps its own): RDFC-1.0's masked and relabelled lines, without copying the quad.
    static func appendLine(_ quad: Quad, to output: inout [UInt8], relabel: (String) -> String) {
        append(quad.subject, to: &output, relabel: relabel)
        output.append(0x20)
        append(quad.predicate, to: &output)
        output.append(0x20)
        append(quad.object, to: &output, relabel: relabel)
        if let graph = quad.graph {
            output.append(0x20)
            append(graph, to: &output, relabel: relabel)
        }
        output.append(contentsOf: [0x20, 0x2E, 0x0A])
    }

    /// Appends one term in canonical N-Quads form (the same bytes as ``write(_:to:)``).
    static func append(_ term: RDFTerm, to output: inout [UInt8], relabel: (String) -> String = { $0 }) {
        switch term {
        case .iri(let iri):
            output.append(UInt8(ascii: "<"))
            appendUTF8(iri, to: &output)
            output.append(UInt8(ascii: ">"))
        case .blankNode(let label):
            output.append(contentsOf: [UInt8(ascii: "_"), UInt8(ascii: ":")])
            appendUTF8(relabel(label), to: &output)
        case .literal(let literal):
            appendEscaped(literal.value, to: &output)
            if let language = literal.language {
                output.append(UInt8(ascii: "@"))
                appendUTF8(language, to: &output)
            } else if !literal.datatype.utf8.elementsEqual(RDFVocabulary.xsdString.utf8) {
                output.append(contentsOf: [UInt8(ascii: "^"), UInt8(ascii: "^"), UInt8(ascii: "<")])
                appendUTF8(literal.datatype, to: &output)
                output.append(UInt8(ascii: ">"))
            }
        }
    }

    static func appendUTF8(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { output.append(contentsOf: $0) }
    }

    /// A literal's lexical form in quotes, escaped as ``write(_:to:)`` escapes it. Every byte that
    /// needs escaping is ASCII, so working on UTF-8 bytes gives the same result as on code points.
    private static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        output.append(0x22)
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for (offset, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<offset]))
                runStart = offset + 1
                switch byte {
                case 0x22: output.append(contentsOf: [0x5C, 0x22])
                case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                default:
                    let hex = Array("0123456789ABCDEF".utf8)
                    output.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(0x22)
    }

    /// Byte order (for UTF-8, code point order), as RDFC-1.0 sorts lines and hashes.
    static func bytesPrecede(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        lhs.withUnsafeBufferPointer { left in
            rhs.withUnsafeBufferPointer { right in
                let common = min(left.count, right.count)
                let order = common == 0 ? 0 : memcmp(left.baseAddress!, right.baseAddress!, common)
                return order != 0 ? order < 0 : left.count < right.count
            }
        }
    }
}

/// Canonical N-Quads lines kept in one buffer, to be sorted by byte order and joined: RDFC-1.0's
/// output and its first-degree hashes, without an array per line.
struct NQuadsLines {
    private var buffer: [UInt8] = []
    private var lines: [Range<Int>] = []

    init(capacity: Int) {
        buffer.reserveCapacity(capacity * 120)
        lines.reserveCapacity(capacity)
    }

    mutating func append(_ quad: Quad, relabel: (String) -> String = { $0 }) {
        let start = buffer.count
        NQuads.appendLine(quad, to: &buffer, relabel: relabel)
        lines.append(start..<buffer.count)
    }

    /// The lines in byte (code point) order, joined; with `unique`, a repeated line is kept once.
    func sortedJoined(unique: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(buffer.count)
        buffer.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress!
            func precedes(_ left: Range<Int>, _ right: Range<Int>) -> Bool {
                let common = min(left.count, right.count)
                let order = common == 0 ? 0 : memcmp(base + left.lowerBound, base + right.lowerBound, common)
                return order != 0 ? order < 0 : left.count < right.count
            }
            var sorted = lines
            sorted.sort(by: precedes)
            var previous: Range<Int>? = nil
            for line in sorted {
                if unique, let previous, previous.count == line.count,
                    memcmp(base + previous.lowerBound, base + line.lowerBound, line.count) == 0
                {
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[line]))
                previous = line
            }
        }
        return output
    }
}

extension Hex {
    /// Lowercase hexadecimal of a digest, as RDFC-1.0 compares hashes (``Hex/encode(_:)`` without its generic cost).
    static func lowercase(_ bytes: [UInt8]) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            digits.withUTF8Buffer { table in
                for (offset, byte) in bytes.enumerated() {
                    buffer[offset * 2] = table[Int(byte >> 4)]
                    buffer[offset * 2 + 1] = table[Int(byte & 0x0F)]
                }
            }
            return bytes.count * 2
        }
    }
}
