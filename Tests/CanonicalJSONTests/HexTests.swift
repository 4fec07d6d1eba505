import CanonicalJSON
import Foundation
import Testing

@Suite("Hex")
struct HexTests {
    @Test("encodes every byte as two lowercase digits, as String(format: \"%02x\") does")
    func encodesEveryByte() {
        let all = (0...255).map { UInt8($0) }
        #expect(Hex.encode(all) == all.map { String(format: "%02x", $0) }.joined())
        #expect(Hex.encode([UInt8]()) == "")
        #expect(Hex.encode([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    }

    @Test("decodes what it encodes, and either case")
    func roundTrips() throws {
        let all = (0...255).map { UInt8($0) }
        #expect(Hex.decode(Hex.encode(all)) == all)
        #expect(Hex.decode("DEADbeef") == [0xde, 0xad, 0xbe, 0xef])
        #expect(Hex.decode("") == [])
    }

    @Test("refuses odd lengths, signs and non-hex digits", arguments: ["a", "abc", "+f", "-1", "0g", " 0", "0x", "éé"])
    func refuses(text: String) {
        #expect(Hex.decode(text) == nil)
    }
}
