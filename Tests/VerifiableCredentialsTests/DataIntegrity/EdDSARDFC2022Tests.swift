import CanonicalJSON
import Ed25519
import Foundation
import LinkedData
import Testing

@testable import VerifiableCredentials

@Suite("eddsa-rdfc-2022 and Ed25519Signature2020 against the W3C and 1EdTech vectors")
struct EdDSARDFC2022Tests {
    func w3cKey() throws -> Ed25519PrivateKey {
        try Multikey.decodeSecretKey(try #require(try Fixture.json("w3c-vc-di-eddsa/keyPair.json")["privateKeyMultibase"]?.stringValue))
    }

    static let cases = [
        ("w3c-vc-di-eddsa/unsigned.json", "w3c-vc-di-eddsa/eddsa-rdfc-2022"),
        ("w3c-vc-di-eddsa/employmentAuth.json", "w3c-vc-di-eddsa/eddsa-rdfc-2022/employ"),
    ]

    @Test("canonical N-Quads, hashes and the signature reproduce from the JSON-LD input", arguments: cases)
    func reproduce(unsignedPath: String, folder: String) throws {
        let unsigned = try #require(try Fixture.json(unsignedPath).objectValue)
        var config = try #require(try Fixture.json("\(folder)/proofConfigDataInt.json").objectValue)
        let hashing = LinkedDataHashing(processor: JSONLDProcessor())
        #expect(try hashing.canonical(unsigned, what: "document") == (try Fixture.text("\(folder)/canonDocDataInt.txt")))
        config["@context"] = unsigned["@context"]
        #expect(try hashing.canonical(config, what: "proof") == (try Fixture.text("\(folder)/proofCanonDataInt.txt")))
        config["@context"] = nil
        let hashData = try EdDSARDFC2022().hashData(document: unsigned, proofConfiguration: config)
        #expect(Fixture.hex(hashData) == (try Fixture.text("\(folder)/combinedHashDataInt.txt")))
        #expect(Fixture.hex(try w3cKey().signature(for: hashData)) == (try Fixture.text("\(folder)/sigHexDataInt.txt")))
    }

    @Test("adding a proof gives the signed vector, which verifies; a changed document does not", arguments: cases)
    func signAndVerify(unsignedPath: String, folder: String) throws {
        let expected = try Fixture.json("\(folder)/signedDataInt.json")
        let config = try Fixture.json("\(folder)/proofConfigDataInt.json")
        let signed = try DataIntegrity().addProof(
            to: try Fixture.json(unsignedPath), suite: EdDSARDFC2022(),
            options: .init(
                verificationMethod: try #require(config["verificationMethod"]?.stringValue),
                created: DateTimeStamp.parse("2023-02-24T23:36:38Z")),
            key: try w3cKey())
        #expect(signed["proof"]?["proofValue"] == expected["proof"]?["proofValue"])
        #expect(signed["proof"]?["@context"] == nil)
        let engine = DataIntegrity()
        try engine.verifyProof(try #require(expected["proof"]?.objectValue), of: expected, publicKey: try w3cKey().publicKey)
        var changed = try #require(expected.objectValue)
        changed["validFrom"] = "2023-01-01T00:00:01Z"
        #expect(throws: CredentialError.self) {
            try engine.verifyProof(try #require(expected["proof"]?.objectValue), of: .object(changed), publicKey: try w3cKey().publicKey)
        }
    }

    @Test("the Open Badges 3.0 vector reproduces from JSON-LD input to proofValue")
    func openBadgesVector() throws {
        let vector = try Fixture.json("1edtech-openbadges-v3p0/ob-eddsa-rdfc-2022-vector.json")
        let seed = Fixture.bytes(hex: String(try #require(vector["keyPair"]?["privateKeyHex_seedThenPublic64"]?.stringValue).prefix(64)))
        let key = try Ed25519PrivateKey(seed: seed)
        #expect(Fixture.hex(key.publicKey.rawRepresentation) == vector["keyPair"]?["publicKeyHex"]?.stringValue)
        let unsigned = try #require(vector["unsignedCredential"]?.objectValue)
        let hashing = LinkedDataHashing(processor: JSONLDProcessor())
        #expect(try hashing.canonical(unsigned, what: "document") == (try Fixture.text("1edtech-openbadges-v3p0/document-canon.txt")))
        let options = try #require(vector["proofOptions"]?.objectValue)
        let hashData = try EdDSARDFC2022().hashData(document: unsigned, proofConfiguration: options)
        #expect(Fixture.hex(hashData) == vector["dataToSignHex"]?.stringValue)
        let signature = try key.signature(for: hashData)
        #expect(Multibase.encode(signature, base: .base58btc) == vector["proofValue"]?.stringValue)
        let signed = try #require(vector["signedCredential"])
        try DataIntegrity().verifyProof(try #require(signed["proof"]?.asArray.first?.objectValue), of: signed, publicKey: key.publicKey)
    }

    @Test("the legacy Ed25519Signature2020 vector verifies, and creating such proofs is refused")
    func legacySuite() throws {
        let signed = try Fixture.json("w3c-vc-di-eddsa/Ed25519Signature2020/signedEdSig.json")
        let proof = try #require(signed["proof"]?.objectValue)
        try DataIntegrity().verifyProof(proof, of: signed, publicKey: try w3cKey().publicKey)
        let hashData = try Ed25519Signature2020().hashData(
            document: {
                var d = signed.objectValue!; d["proof"] = nil; return d
            }(),
            proofConfiguration: {
                var p = proof; p["proofValue"] = nil; return p
            }())
        #expect(Fixture.hex(hashData) == (try Fixture.text("w3c-vc-di-eddsa/Ed25519Signature2020/combinedHashEdSig.txt")))
        #expect(throws: CredentialError.self) {
            try DataIntegrity().addProof(
                to: signed, suite: Ed25519Signature2020(), options: .init(verificationMethod: "did:key:x"), key: try w3cKey())
        }
    }

    @Test(
        "the W3C proof sets and proof chains verify, every proof",
        arguments: [("signedProofSet1", 1), ("signedProofSet2", 2), ("signedProofChain1", 3), ("signedProofChain2", 4)])
    func proofSetsAndChains(name: String, proofCount: Int) throws {
        let document = try Fixture.json("w3c-vc-di-eddsa/proof-set-chain/\(name).json")
        let engine = DataIntegrity()
        let proofs = try engine.proofs(of: document)
        #expect(proofs.count == proofCount)
        for proof in proofs {
            let methodID = try #require(proof["verificationMethod"]?.stringValue)
            let key = try #require(try DIDKey.resolve(methodID).verificationMethod(withID: methodID)?.publicKey)
            try engine.verifyProof(proof, of: document, publicKey: key)
        }
    }

    @Test("a term no context defines is refused, not silently left out of what is signed (safe mode)")
    func undefinedTermIsRefused() throws {
        let document: JSONObject = [
            "@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/data-integrity/v2"],
            "type": ["VerifiableCredential"],
            "issuer": "did:example:issuer",
            "issuanceDate": "2026-01-01T00:00:00Z",
            "credentialSubject": ["id": "did:example:subject", "unsignedClaim": "not covered by the proof"],
        ]
        #expect {
            _ = try EdDSARDFC2022().hashData(document: document, proofConfiguration: ["type": "DataIntegrityProof"])
        } throws: { ($0 as? CredentialError)?.code == .dataLossDetectionError && "\($0)".contains("credentialSubject.unsignedClaim") }
    }
}
