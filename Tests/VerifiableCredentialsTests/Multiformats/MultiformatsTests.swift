import Ed25519
import Testing

@testable import VerifiableCredentials

@Suite("Multibase, Multikey and did:key")
struct MultiformatsTests {
    @Test(
        "base58btc matches known encodings",
        arguments: [
            ([UInt8](), ""), ([0], "1"), ([0, 0, 1], "112"), (Array("Hello World!".utf8), "2NEpo7TZRRrLZSi2U"),
            (Array("The quick brown fox jumps over the lazy dog.".utf8), "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z"),
        ])
    func base58(bytes: [UInt8], text: String) {
        #expect(Base58.encode(bytes) == text)
        #expect(Base58.decode(text) == bytes)
    }

    @Test("base58btc refuses characters outside its alphabet", arguments: ["0", "O", "I", "l", "abc+", "é"])
    func base58Refuses(text: String) {
        #expect(Base58.decode(text) == nil)
    }

    @Test(
        "base64url without padding follows RFC 4648 §10",
        arguments: [
            ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
        ])
    func base64url(plain: String, encoded: String) {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test("base64url refuses padding, the standard alphabet's +/ and impossible lengths", arguments: ["Zg==", "a+b/", "Z", "Zh"])
    func base64urlRefuses(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test("base64url uses - and _ for the bytes standard base64 writes as + and /")
    func base64urlAlphabet() {
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
    }

    @Test("the W3C key pair's secret multikey derives its public multikey")
    func w3cKeyPair() throws {
        let pair = try Fixture.json("w3c-vc-di-eddsa/keyPair.json")
        let secret = try Multikey.decodeSecretKey(try #require(pair["privateKeyMultibase"]?.stringValue))
        let publicMultibase = try #require(pair["publicKeyMultibase"]?.stringValue)
        #expect(Multikey.encode(secret.publicKey) == publicMultibase)
        #expect(publicMultibase.hasPrefix("z6Mk"))
        #expect(try Multikey.decodePublicKey(publicMultibase) == secret.publicKey)
        #expect(Multikey.encodeSecret(secret) == pair["privateKeyMultibase"]?.stringValue)
    }

    @Test(
        "malformed multikeys are refused with the specification's error names",
        arguments: [
            ("6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", .invalidPublicKey),  // no multibase prefix
            ("z0OIl", .invalidEncoding),
            ("z" + Base58.encode([0xEC, 0x01] + [UInt8](repeating: 7, count: 32)), .unsupportedPublicKeyType),  // x25519 header
            ("z" + Base58.encode([0xED, 0x01] + [UInt8](repeating: 7, count: 31)), .invalidPublicKeyLength),
            ("z" + Base58.encode([0xED, 0x01] + [UInt8](repeating: 7, count: 33)), .invalidPublicKeyLength),
        ] as [(String, CredentialError.Code)])
    func malformedMultikey(text: String, code: CredentialError.Code) {
        #expect {
            _ = try Multikey.decodePublicKey(text)
        } throws: { ($0 as? CredentialError)?.code == code }
    }

    @Test("a did:key resolves to a document whose one key may assert and authenticate")
    func didKeyDocument() throws {
        let did = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
        let document = try DIDKey.resolve(did + "#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
        let methodID = did + "#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
        #expect(document.id == did)
        #expect(document.verificationMethod(withID: methodID)?.controller == did)
        #expect(document.authorizes(methodID, for: "assertionMethod"))
        #expect(!document.authorizes(methodID, for: "keyAgreement"))
        // The generated JSON reads back as the same document.
        #expect(try DIDDocument(json: document.json) == document)
        #expect(document.json["verificationMethod"]?.asArray.first?["type"] == "Multikey")
    }

    @Test(
        "malformed did:key DIDs are refused",
        arguments: [
            ("did:web:example.com", .invalidDid), ("did:key:", .invalidDid), ("did:key:6Mkabc", .invalidDid),
            ("did:key:z6Mk0OIl", .invalidDid), ("did:key:a:b", .invalidDid),
            ("did:key:z" + Base58.encode([0xED, 0x01, 1, 2]), .invalidPublicKeyLength),
        ] as [(String, CredentialError.Code)])
    func malformedDIDKey(did: String, code: CredentialError.Code) {
        #expect {
            _ = try DIDKey.resolve(did)
        } throws: { ($0 as? CredentialError)?.code == code }
    }

    @Test("DID documents read relative references, embedded methods and Ed25519 JWKs")
    func didDocumentForms() throws {
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 9, count: 32)).publicKey
        let document = try DIDDocument(json: [
            "id": "did:web:certs.example.org",
            "verificationMethod": [
                [
                    "id": "#key-1", "type": "Multikey", "controller": "did:web:certs.example.org",
                    "publicKeyMultibase": .string(Multikey.encode(key)),
                ]
            ],
            "assertionMethod": [
                "#key-1",
                [
                    "id": "#key-2", "type": "JsonWebKey",
                    "publicKeyJwk": ["kty": "OKP", "crv": "Ed25519", "x": .string(Base64URL.encode(key.rawRepresentation))],
                ],
            ],
        ])
        #expect(document.assertionMethod == ["did:web:certs.example.org#key-1", "did:web:certs.example.org#key-2"])
        #expect(document.verificationMethod(withID: "did:web:certs.example.org#key-2")?.publicKey == key)
        #expect(document.verificationMethod(withID: "did:web:certs.example.org#key-2")?.controller == "did:web:certs.example.org")
    }
}
