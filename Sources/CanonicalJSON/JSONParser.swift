/// A strict RFC 8259 parser that keeps what RFC 8785 canonicalization needs.
///
/// Refused: duplicate member names (I-JSON), lone surrogates in `\u` escapes, invalid UTF-8,
/// numbers that overflow an IEEE-754 double, nesting deeper than `maximumDepth`, and anything
/// after the top-level value but white space.
struct JSONParser {
    private let bytes: [UInt8]
    private var position = 0
    private let maximumDepth: Int

    init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func parseDocument() throws(JSONError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }  // tolerate a UTF-8 byte order mark
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard position == bytes.count else { throw error(.syntax, "unexpected data after the JSON value") }
        return value
    }

    private mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        guard position < bytes.count else { throw error(.syntax, "unexpected end of input, a value was expected") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error(.syntax, "unexpected character \(describe(bytes[position])), a value was expected")
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONError) -> JSONValue {
        try checkDepth(depth)
        position += 1
        var object = JSONObject()
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .object(object) }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error(.syntax, "a member name in double quotes was expected")
            }
            let keyOffset = position
            let key = try parseString()
            if object.contains(key) {
                throw JSONError(code: .duplicateKey, reason: "duplicate member name \"\(key)\"", offset: keyOffset)
            }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw error(.syntax, "':' was expected after a member name") }
            skipWhitespace()
            object[key] = try parseValue(depth: depth)
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "}")) { return .object(object) }
            throw error(.syntax, "',' or '}' was expected in an object")
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONError) -> JSONValue {
        try checkDepth(depth)
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "]")) { return .array(elements) }
            throw error(.syntax, "',' or ']' was expected in an array")
        }
    }

    private mutating func parseString() throws(JSONError) -> String {
        position += 1  // opening quote
        let start = position
        var unescaped: [UInt8]? = nil  // only built once an escape is met; plain strings are sliced
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                let raw = unescaped ?? Array(bytes[start..<position])
                position += 1
                guard let text = String(validating: raw, as: UTF8.self) else {
                    throw JSONError(code: .invalidUTF8, reason: "a string is not valid UTF-8", offset: start)
                }
                return text
            case UInt8(ascii: "\\"):
                if unescaped == nil { unescaped = Array(bytes[start..<position]) }
                position += 1
                try parseEscape(into: &unescaped!)
            case 0x00..<0x20:
                throw error(.syntax, "control character \(describe(byte)) must be escaped in a string")
            default:
                unescaped?.append(byte)
                position += 1
            }
        }
        throw JSONError(code: .syntax, reason: "unterminated string", offset: start - 1)
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONError) {
        guard position < bytes.count else { throw error(.syntax, "unterminated escape sequence") }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try parseHex4())
            if (0xD800...0xDBFF).contains(scalar) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else {
                    throw JSONError(code: .loneSurrogate, reason: "a high surrogate is not followed by a low surrogate", offset: position)
                }
                position += 2
                let low = UInt32(try parseHex4())
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONError(code: .loneSurrogate, reason: "a high surrogate is not followed by a low surrogate", offset: position)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw JSONError(code: .loneSurrogate, reason: "a low surrogate without a high surrogate", offset: position)
            }
            buffer.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
        default:
            throw error(.syntax, "invalid escape sequence \\\(describe(escape))")
        }
    }

    private mutating func parseHex4() throws(JSONError) -> UInt16 {
        guard position + 4 <= bytes.count else { throw error(.syntax, "\\u needs four hexadecimal digits") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(.syntax, "\\u needs four hexadecimal digits")
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    private mutating func parseNumber() throws(JSONError) -> Double {
        let start = position
        _ = consume(UInt8(ascii: "-"))
        if consume(UInt8(ascii: "0")) {
            if position < bytes.count, isDigit(bytes[position]) { throw error(.syntax, "a number may not have leading zeros") }
        } else {
            guard try consumeDigits() else { throw error(.syntax, "a digit was expected in a number") }
        }
        if consume(UInt8(ascii: ".")) {
            guard try consumeDigits() else { throw error(.syntax, "a digit was expected after the decimal point") }
        }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            guard try consumeDigits() else { throw error(.syntax, "a digit was expected in the exponent") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw JSONError(
                code: .numberOutOfRange, reason: "the number \(text) is outside the range of an IEEE-754 double", offset: start)
        }
        return value
    }

    private mutating func consumeDigits() throws(JSONError) -> Bool {
        let start = position
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        return position > start
    }

    private mutating func expectLiteral(_ literal: String) throws(JSONError) {
        let expected = literal.utf8
        guard position + expected.count <= bytes.count, bytes[position..<position + expected.count].elementsEqual(expected) else {
            throw error(.syntax, "unexpected characters, \"\(literal)\" was expected")
        }
        position += expected.count
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private func checkDepth(_ depth: Int) throws(JSONError) {
        if depth > maximumDepth {
            throw error(.tooDeep, "nesting is deeper than \(maximumDepth) levels")
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "0x" + String(byte, radix: 16, uppercase: true)
    }

    private func error(_ code: JSONError.Code, _ reason: String) -> JSONError {
        JSONError(code: code, reason: reason, offset: position)
    }
}
