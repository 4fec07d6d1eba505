import CanonicalJSON
import Foundation
import Testing

@Suite("RFC 8785 canonicalization")
struct CanonicalizationTests {
    static let cases = FixtureFiles.names(in: "cyberphone-json-canonicalization/input")

    @Test("the reference test data canonicalizes byte for byte", arguments: cases)
    func referenceCase(file: String) throws {
        let input = try FixtureFiles.data("cyberphone-json-canonicalization/input/\(file)")
        let expected = try FixtureFiles.data("cyberphone-json-canonicalization/output/\(file)")
        let hexName = file.replacingOccurrences(of: ".json", with: ".txt")
        let expectedHex = String(decoding: try FixtureFiles.data("cyberphone-json-canonicalization/outhex/\(hexName)"), as: UTF8.self)
            .split(whereSeparator: \.isWhitespace).joined()
        let canonical = try JSONValue.parse(bytes: input).canonicalBytes
        #expect(canonical == Array(expected))
        #expect(canonical.map { String(format: "%02x", $0) }.joined() == expectedHex)
    }

    @Test("there are six reference cases")
    func allCasesPresent() {
        #expect(Self.cases.count == 6)
    }

    static let numberLines: [(bits: String, expected: String)] = {
        let text = String(decoding: (try? FixtureFiles.data("es6-numbers-static.txt")) ?? Data(), as: UTF8.self)
        return text.split(separator: "\n").map { line in
            let parts = line.split(separator: ",", maxSplits: 1)
            return (String(parts[0]), String(parts[1]))
        }
    }()

    @Test("all 2,170 ECMAScript number lines format byte for byte")
    func ecmaScriptNumbers() throws {
        #expect(Self.numberLines.count == 2170)
        var mismatches: [String] = []
        for line in Self.numberLines {
            let value = Double(bitPattern: try #require(UInt64(line.bits, radix: 16)))
            let formatted = JSONValue.ecmaScriptString(value)
            if formatted != line.expected { mismatches.append("\(line.bits): \(formatted) != \(line.expected)") }
            // The canonical form must also survive a parse and print round trip.
            if value.isFinite {
                let reparsed = try JSONValue.parse(formatted)
                #expect(reparsed == .number(value == 0 ? 0 : value) || value == 0)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test("keys sort by UTF-16 code units, not by code points or locale")
    func utf16Order() throws {
        let value = try JSONValue.parse(#"{"\ufb33":1,"\ud83d\ude02":2,"a":3,"A":4,"":5}"#)
        #expect(value.canonicalString == "{\"\":5,\"A\":4,\"a\":3,\"😂\":2,\"\u{FB33}\":1}")
    }

    @Test("pretty output keeps the author's member order")
    func prettyKeepsOrder() throws {
        let value = try JSONValue.parse(#"{"b":[1,{"z":null,"a":true}],"a":"\/x"}"#)
        #expect(value.serialized() == #"{"b":[1,{"z":null,"a":true}],"a":"/x"}"#)
        #expect(value.serialized(pretty: true).hasPrefix("{\n  \"b\": [\n    1,"))
        #expect(try JSONValue.parse(value.serialized(pretty: true)) == value)
    }
}
