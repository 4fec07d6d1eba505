/// A byte-level reader for the N-Quads grammar, used by ``NQuads/parse(_:)``.
struct NQuadsReader {
    private let bytes: [UInt8]
    private var position = 0
    private var lineNumber = 1

    private let allowGeneralized: Bool

    init(bytes: [UInt8], allowGeneralized: Bool = false) {
        self.bytes = bytes
        self.allowGeneralized = allowGeneralized
    }

    mutating func readDataset() throws(LinkedDataError) -> RDFDataset {
        var dataset = RDFDataset()
        while true {
            skipSpaceAndComments()
            guard position < bytes.count else { return dataset }
            dataset.insert(try readStatement())
        }
    }

    private mutating func readStatement() throws(LinkedDataError) -> Quad {
        let subject = try readTerm(allowLiteral: false)
        skipSpaces()
        let predicate = try readTerm(allowLiteral: false)
        switch predicate {
        case .iri: break
        case .blankNode where allowGeneralized: break
        default: throw failure("the predicate must be an IRI")
        }
        skipSpaces()
        let object = try readTerm(allowLiteral: true)
        skipSpaces()
        var graph: RDFTerm? = nil
        if position < bytes.count, bytes[position] != UInt8(ascii: ".") {
            graph = try readTerm(allowLiteral: false)
            skipSpaces()
        }
        guard consume(UInt8(ascii: ".")) else { throw failure("'.' expected at the end of a statement") }
        skipSpaces()
        if position < bytes.count, bytes[position] == UInt8(ascii: "#") { skipComment() }
        guard position >= bytes.count || bytes[position] == 0x0A || bytes[position] == 0x0D else {
            throw failure("only one statement is allowed per line")
        }
        return Quad(subject: subject, predicate: predicate, object: object, graph: graph)
    }

    private mutating func readTerm(allowLiteral: Bool) throws(LinkedDataError) -> RDFTerm {
        guard position < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[position] {
        case UInt8(ascii: "<"):
            return .iri(try readIRI())
        case UInt8(ascii: "_"):
            guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ":") else {
                throw failure("'_:' expected for a blank node")
            }
            position += 2
            let start = position
            while position < bytes.count, !isTermEnd(bytes[position]) { position += 1 }
            // A label may not end with '.', which then belongs to the statement.
            while position > start, bytes[position - 1] == UInt8(ascii: ".") { position -= 1 }
            guard position > start else { throw failure("empty blank node label") }
            return .blankNode(String(decoding: bytes[start..<position], as: UTF8.self))
        case UInt8(ascii: "\"") where allowLiteral:
            return .literal(try readLiteral())
        default:
            throw failure("unexpected character where a term was expected")
        }
    }

    private mutating func readIRI() throws(LinkedDataError) -> String {
        position += 1
        var value: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: ">"):
                position += 1
                let iri = String(decoding: value, as: UTF8.self)
                guard iri.utf8.contains(UInt8(ascii: ":")) else { throw failure("relative IRI <\(iri)> is not allowed in N-Quads") }
                return iri
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count, bytes[position] == UInt8(ascii: "u") || bytes[position] == UInt8(ascii: "U") else {
                    throw failure("only \\u and \\U escapes are allowed in IRIs")
                }
                try appendUnicodeEscape(to: &value)
            case 0x00...0x20, UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"),
                UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "<"):
                throw failure("character not allowed in an IRI")
            default:
                value.append(byte)
                position += 1
            }
        }
        throw failure("unterminated IRI")
    }

    private mutating func readLiteral() throws(LinkedDataError) -> RDFLiteral {
        position += 1
        var value: [UInt8] = []
        while true {
            guard position < bytes.count else { throw failure("unterminated literal") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { position += 1; break }
            if byte == 0x0A || byte == 0x0D { throw failure("line break inside a literal") }
            if byte == UInt8(ascii: "\\") {
                position += 1
                guard position < bytes.count else { throw failure("unterminated escape") }
                switch bytes[position] {
                case UInt8(ascii: "t"): value.append(0x09)
                case UInt8(ascii: "b"): value.append(0x08)
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "r"): value.append(0x0D)
                case UInt8(ascii: "f"): value.append(0x0C)
                case UInt8(ascii: "\""): value.append(0x22)
                case UInt8(ascii: "'"): value.append(0x27)
                case UInt8(ascii: "\\"): value.append(0x5C)
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    try appendUnicodeEscape(to: &value)
                    continue
                default: throw failure("invalid escape in a literal")
                }
                position += 1
                continue
            }
            value.append(byte)
            position += 1
        }
        let lexicalForm = String(decoding: value, as: UTF8.self)
        if consume(UInt8(ascii: "@")) {
            let start = position
            while position < bytes.count, !isTermEnd(bytes[position]) { position += 1 }
            guard position > start else { throw failure("empty language tag") }
            return RDFLiteral(lexicalForm, language: String(decoding: bytes[start..<position], as: UTF8.self))
        }
        if consume(UInt8(ascii: "^")) {
            guard consume(UInt8(ascii: "^")), position < bytes.count, bytes[position] == UInt8(ascii: "<") else {
                throw failure("'^^<' expected before a datatype IRI")
            }
            return RDFLiteral(lexicalForm, datatype: try readIRI())
        }
        return RDFLiteral(lexicalForm)
    }

    /// Reads `uXXXX` or `UXXXXXXXX` (the backslash already consumed) and appends the UTF-8 bytes.
    private mutating func appendUnicodeEscape(to value: inout [UInt8]) throws(LinkedDataError) {
        let digitCount = bytes[position] == UInt8(ascii: "u") ? 4 : 8
        position += 1
        guard position + digitCount <= bytes.count,
            let code = UInt32(String(decoding: bytes[position..<position + digitCount], as: UTF8.self), radix: 16),
            let scalar = Unicode.Scalar(code)
        else { throw failure("invalid \\u escape") }
        position += digitCount
        value.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    private func isTermEnd(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "<")
            || byte == UInt8(ascii: "\"")
    }

    private mutating func skipSpaces() {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
    }

    private mutating func skipComment() {
        while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
    }

    private mutating func skipSpaceAndComments() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09: position += 1
            case 0x0A: position += 1; lineNumber += 1
            case 0x0D: position += 1
            case UInt8(ascii: "#"): skipComment()
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private func failure(_ reason: String) -> LinkedDataError {
        LinkedDataError(code: .invalidNQuads, reason: "line \(lineNumber): \(reason)")
    }
}
