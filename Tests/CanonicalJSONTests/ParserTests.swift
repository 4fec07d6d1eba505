import CanonicalJSON
import Testing

@Suite("Strict JSON parsing")
struct ParserTests {
    @Test(
        "bad input is refused with a precise code",
        arguments: [
            (#"{"a":1,"a":2}"#, .duplicateKey),
            (#""\ud800""#, .loneSurrogate),
            (#""\udc00x""#, .loneSurrogate),
            (#""\ud800\u0041""#, .loneSurrogate),
            ("1e400", .numberOutOfRange),
            ("-1e309", .numberOutOfRange),
            (String(repeating: "[", count: 101) + String(repeating: "]", count: 101), .tooDeep),
            ("{\"a\":1", .syntax),
            ("[1,]", .syntax),
            ("01", .syntax),
            ("1.", .syntax),
            ("\"tab\there\"", .syntax),
            ("nul", .syntax),
            ("{} {}", .syntax),
            ("", .syntax),
            (#""\x""#, .syntax),
            ("NaN", .syntax),
        ] as [(String, JSONError.Code)])
    func refused(text: String, code: JSONError.Code) {
        #expect {
            _ = try JSONValue.parse(text)
        } throws: { error in
            (error as? JSONError)?.code == code
        }
    }

    @Test("invalid UTF-8 is refused")
    func invalidUTF8() {
        #expect(throws: JSONError.self) { try JSONValue.parse(bytes: [0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test("nesting up to the limit is accepted")
    func deepButAllowed() throws {
        let text = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(try JSONValue.parse(text).arrayValue != nil)
    }

    @Test("escapes decode and keys are not normalised")
    func escapesAndNormalisation() throws {
        let value = try JSONValue.parse(#"{"A\u030a":"\ud83d\ude02\/\n","\u00c5":1}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["A\u{030A}", "\u{00C5}"])  // two different keys, not merged by normalisation
        #expect(object["A\u{030A}"] == .string("😂/\n"))
    }

    @Test("a byte order mark and surrounding white space are tolerated")
    func byteOrderMark() throws {
        #expect(try JSONValue.parse(bytes: [0xEF, 0xBB, 0xBF] + Array(" {\"a\":[]} \n".utf8)) == ["a": []])
    }
}

@Suite("Exact string identity")
struct ExactStringTests {
    @Test("values and keys that differ only in Unicode normalisation stay different")
    func normalisationIsNotEquality() {
        let composed = JSONValue.string("\u{00C5}")
        let decomposed = JSONValue.string("A\u{030A}")
        #expect(composed != decomposed)
        #expect(Set([composed, decomposed]).count == 2)
        #expect(JSONValue.object(["\u{00C5}": 1]) != JSONValue.object(["A\u{030A}": 1]))
        #expect(composed == .string("\u{00C5}"))
    }
}
