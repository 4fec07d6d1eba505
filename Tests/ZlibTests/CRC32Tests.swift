import Testing
import Zlib

@Suite("zlib: CRC-32")
struct CRC32Tests {
    @Test("CRC-32 of the RFC 3720 check string")
    func checkString() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }
}
