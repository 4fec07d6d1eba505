import Ed25519
import Testing

struct DigestVector: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let algorithm: String
    let message: String
    let digest: String
    var testDescription: String { name }

    static func all() throws -> [DigestVector] {
        try Fixtures.decode([DigestVector].self, from: "fips180-digests.json")
    }
}

struct HMACVector: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let keyHex: String
    let dataHex: String
    let hmacSHA256: String
    var testDescription: String { name }

    static func all() throws -> [HMACVector] {
        try Fixtures.decode([HMACVector].self, from: "rfc4231-hmac-sha256.json")
    }
}

@Suite("SHA-2, HMAC, secure random, constant-time comparison")
struct DigestTests {
    @Test("FIPS 180 digests", arguments: try DigestVector.all())
    func digest(vector: DigestVector) throws {
        let message = Array(vector.message.utf8)
        let digest: [UInt8]
        switch vector.algorithm {
        case "SHA-256": digest = SHA256.hash(message)
        case "SHA-384": digest = SHA384.hash(message)
        default:
            Issue.record("unknown algorithm \(vector.algorithm)")
            return
        }
        #expect(hex(digest) == vector.digest)
    }

    @Test("non-contiguous collections hash like arrays")
    func nonContiguousInput() {
        let abc = Array("abc".utf8)
        let lazyBytes = abc.lazy.map { $0 }
        #expect(SHA256.hash(lazyBytes) == SHA256.hash(abc))
        #expect(SHA256.hash(abc[1...]) == SHA256.hash(Array("bc".utf8)))
        #expect(SHA384.hash("abc".utf8) == SHA384.hash(abc))
    }

    @Test("RFC 4231 HMAC-SHA256", arguments: try HMACVector.all())
    func hmac(vector: HMACVector) throws {
        let mac = try HMAC.sha256(key: bytes(hex: vector.keyHex), message: bytes(hex: vector.dataHex))
        #expect(hex(mac) == vector.hmacSHA256)
    }

    @Test("HMAC with an empty key and message still gives 32 bytes, different from a one-byte key")
    func hmacEmptyInputs() {
        let empty = HMAC.sha256(key: [], message: [])
        #expect(empty.count == 32)
        #expect(empty != HMAC.sha256(key: [1], message: []))
    }

    @Test("secure random gives distinct 32-byte outputs")
    func secureRandom() {
        let outputs = (0..<16).map { _ in SecureRandom.bytes(count: 32) }
        #expect(outputs.allSatisfy { $0.count == 32 })
        #expect(Set(outputs).count == outputs.count)
        #expect(SecureRandom.bytes(count: 0).isEmpty)
    }

    @Test("the random number generator produces varied values")
    func randomNumberGenerator() {
        var generator = SecureRandomNumberGenerator()
        let values = (0..<16).map { _ in generator.next() }
        #expect(Set(values).count == values.count)
        let index = Int.random(in: 0..<131_072, using: &generator)
        #expect((0..<131_072).contains(index))
    }

    @Test("constant-time comparison")
    func constantTimeComparison() {
        #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(constantTimeEquals([], []))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(!constantTimeEquals([0], []))
    }
}
