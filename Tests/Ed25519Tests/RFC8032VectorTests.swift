import Ed25519
import Testing

/// One test vector of RFC 8032 §7.1, as stored in `Fixtures/rfc8032-ed25519.json`.
struct RFC8032Vector: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let secretKey: String
    let publicKey: String
    let message: String
    let signature: String

    var testDescription: String { name }

    static func all() throws -> [RFC8032Vector] {
        try Fixtures.decode([RFC8032Vector].self, from: "rfc8032-ed25519.json")
    }
}

@Suite("RFC 8032 §7.1 Ed25519 test vectors")
struct RFC8032VectorTests {
    @Test("the fixture holds the five vectors of §7.1")
    func fixtureIsComplete() throws {
        let names = try RFC8032Vector.all().map(\.name)
        #expect(names == ["TEST 1", "TEST 2", "TEST 3", "TEST 1024", "TEST SHA(abc)"])
    }

    @Test("seed derives the public key", arguments: try RFC8032Vector.all())
    func publicKeyFromSeed(vector: RFC8032Vector) throws {
        let key = try Ed25519PrivateKey(seed: bytes(hex: vector.secretKey))
        #expect(hex(key.publicKey.rawRepresentation) == vector.publicKey)
        #expect(hex(key.seed) == vector.secretKey)
    }

    @Test("signing reproduces the signature byte for byte", arguments: try RFC8032Vector.all())
    func signature(vector: RFC8032Vector) throws {
        let key = try Ed25519PrivateKey(seed: bytes(hex: vector.secretKey))
        let signature = try key.signature(for: bytes(hex: vector.message))
        #expect(hex(signature) == vector.signature)
    }

    @Test(
        "the signature verifies; a flipped bit in signature, message or key does not",
        arguments: try RFC8032Vector.all())
    func verification(vector: RFC8032Vector) throws {
        let publicKey = try Ed25519PublicKey(rawRepresentation: bytes(hex: vector.publicKey))
        let message = try bytes(hex: vector.message)
        let signature = try bytes(hex: vector.signature)
        #expect(publicKey.isValidSignature(signature, for: message))

        for index in [0, 31, 32, 63] {
            #expect(!publicKey.isValidSignature(flippingBit(in: signature, at: index), for: message))
        }
        if !message.isEmpty {
            #expect(!publicKey.isValidSignature(signature, for: flippingBit(in: message, at: message.count - 1)))
        }
        #expect(!publicKey.isValidSignature(signature, for: message + [0]))
        let otherKey = try Ed25519PublicKey(rawRepresentation: flippingBit(in: publicKey.rawRepresentation, at: 0))
        #expect(!otherKey.isValidSignature(signature, for: message))
        #expect(!publicKey.isValidSignature(Array(signature.dropLast()), for: message))
    }
}
