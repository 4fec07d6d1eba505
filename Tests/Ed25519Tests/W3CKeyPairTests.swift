import Ed25519
import Testing

/// The W3C vc-di-eddsa key pair with its multibase values decoded to hex (see SOURCES.md).
struct W3CKeyPair: Decodable {
    let publicKeyMultibase: String
    let privateKeyMultibase: String
    let seed: String
    let publicKey: String
}

@Suite("W3C vc-di-eddsa key pair and eddsa-jcs-2022 signature")
struct W3CKeyPairTests {
    @Test("the hex fixture describes the same key pair as upstream keyPair.json")
    func hexFixtureMatchesUpstream() throws {
        struct Upstream: Decodable {
            let publicKeyMultibase: String
            let privateKeyMultibase: String
        }
        let upstream = try Fixtures.decode(Upstream.self, from: "w3c-vc-di-eddsa/keyPair.json")
        let derived = try Fixtures.decode(W3CKeyPair.self, from: "w3c-vc-di-eddsa/keyPair-hex.json")
        #expect(derived.publicKeyMultibase == upstream.publicKeyMultibase)
        #expect(derived.privateKeyMultibase == upstream.privateKeyMultibase)
    }

    @Test("the seed derives the published public key")
    func seedDerivesPublicKey() throws {
        let pair = try Fixtures.decode(W3CKeyPair.self, from: "w3c-vc-di-eddsa/keyPair-hex.json")
        let key = try Ed25519PrivateKey(seed: bytes(hex: pair.seed))
        #expect(hex(key.publicKey.rawRepresentation) == pair.publicKey)
    }

    @Test("signing the combined hash reproduces sigHexJCS.txt, and it verifies")
    func jcsSignature() throws {
        let pair = try Fixtures.decode(W3CKeyPair.self, from: "w3c-vc-di-eddsa/keyPair-hex.json")
        let combinedHash = try bytes(hex: Fixtures.text("w3c-vc-di-eddsa/eddsa-jcs-2022/combinedHashJCS.txt"))
        let expected = try bytes(hex: Fixtures.text("w3c-vc-di-eddsa/eddsa-jcs-2022/sigHexJCS.txt"))
        #expect(combinedHash.count == 64)

        let key = try Ed25519PrivateKey(seed: bytes(hex: pair.seed))
        #expect(try key.signature(for: combinedHash) == expected)
        let publicKey = try Ed25519PublicKey(rawRepresentation: bytes(hex: pair.publicKey))
        #expect(publicKey.isValidSignature(expected, for: combinedHash))
        #expect(!publicKey.isValidSignature(expected, for: flippingBit(in: combinedHash, at: 0)))
    }
}
