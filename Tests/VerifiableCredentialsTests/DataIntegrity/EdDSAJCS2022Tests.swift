import CanonicalJSON
import Ed25519
import Foundation
import Testing

@testable import VerifiableCredentials

@Suite("eddsa-jcs-2022 against the W3C vectors")
struct EdDSAJCS2022Tests {
    static let folder = "w3c-vc-di-eddsa/eddsa-jcs-2022"

    func vectorKey() throws -> Ed25519PrivateKey {
        let pair = try Fixture.json("w3c-vc-di-eddsa/keyPair.json")
        return try Multikey.decodeSecretKey(try #require(pair["privateKeyMultibase"]?.stringValue))
    }

    @Test("each intermediate value reproduces: canonical forms, hashes, combined hash, signature, proofValue")
    func intermediateValues() throws {
        let unsigned = try #require(try Fixture.json("w3c-vc-di-eddsa/unsigned.json").objectValue)
        let proofConfig = try #require(try Fixture.json("\(Self.folder)/proofConfigJCS.json").objectValue)
        #expect(JSONValue.object(unsigned).canonicalString == (try Fixture.text("\(Self.folder)/canonDocJCS.txt")))
        #expect(JSONValue.object(proofConfig).canonicalString == (try Fixture.text("\(Self.folder)/proofCanonJCS.txt")))
        #expect(Fixture.hex(SHA256.hash(JSONValue.object(unsigned).canonicalBytes)) == (try Fixture.text("\(Self.folder)/docHashJCS.txt")))
        #expect(
            Fixture.hex(SHA256.hash(JSONValue.object(proofConfig).canonicalBytes)) == (try Fixture.text("\(Self.folder)/proofHashJCS.txt")))
        let hashData = try EdDSAJCS2022().hashData(document: unsigned, proofConfiguration: proofConfig)
        #expect(Fixture.hex(hashData) == (try Fixture.text("\(Self.folder)/combinedHashJCS.txt")))
        let signature = try vectorKey().signature(for: hashData)
        #expect(Fixture.hex(signature) == (try Fixture.text("\(Self.folder)/sigHexJCS.txt")))
        #expect(Multibase.encode(signature, base: .base58btc) == (try Fixture.text("\(Self.folder)/sigBTC58JCS.txt")))
    }

    @Test("adding a proof to the unsigned credential gives exactly the signed vector")
    func createProof() throws {
        let unsigned = try Fixture.json("w3c-vc-di-eddsa/unsigned.json")
        let config = try Fixture.json("\(Self.folder)/proofConfigJCS.json")
        let options = DataIntegrity.ProofOptions(
            verificationMethod: try #require(config["verificationMethod"]?.stringValue),
            created: DateTimeStamp.parse(try #require(config["created"]?.stringValue)))
        let signed = try DataIntegrity().addProof(to: unsigned, suite: EdDSAJCS2022(), options: options, key: try vectorKey())
        let expected = try Fixture.json("\(Self.folder)/signedJCS.json")
        #expect(signed == expected)
        #expect(signed.canonicalString == expected.canonicalString)
    }

    @Test("the signed vector verifies, and any change to it does not")
    func verifyAndTamper() throws {
        let signed = try Fixture.json("\(Self.folder)/signedJCS.json")
        let key = try vectorKey().publicKey
        let engine = DataIntegrity()
        let proof = try #require(try engine.proofs(of: signed).first)
        try engine.verifyProof(proof, of: signed, publicKey: key)

        var tampered = try #require(signed.objectValue)
        tampered["name"] = "Alumni Credential!"
        #expect {
            try engine.verifyProof(proof, of: .object(tampered), publicKey: key)
        } throws: { ($0 as? CredentialError)?.code == .proofVerificationError }

        let otherKey = try Ed25519PrivateKey(seed: [UInt8](repeating: 1, count: 32)).publicKey
        #expect(throws: CredentialError.self) { try engine.verifyProof(proof, of: signed, publicKey: otherKey) }
    }

    static let proofMutations: [(String, @Sendable (inout JSONObject) -> Void, CredentialError.Code)] = [
        ("a changed created", { $0["created"] = "2023-02-24T23:36:39Z" }, .proofVerificationError),
        (
            "a proof @context that is not a prefix", { $0["@context"] = ["https://www.w3.org/ns/credentials/examples/v2"] },
            .proofVerificationError
        ),
        ("no proofValue", { $0["proofValue"] = nil }, .malformedProofError),
        ("a created that is no dateTimeStamp", { $0["created"] = "yesterday" }, .malformedProofError),
        ("another proof purpose", { $0["proofPurpose"] = "authentication" }, .mismatchedProofPurposeError),
        // Not a failed signature: a suite this verifier lacks cannot be checked at all.
        ("an unknown cryptosuite", { $0["cryptosuite"] = "eddsa-2099" }, .unsupportedProofType),
        ("a short signature", { $0["proofValue"] = .string(Multibase.encode([1, 2, 3], base: .base58btc)) }, .proofVerificationError),
        ("a proofValue that is not base58btc", { $0["proofValue"] = "uAAAA" }, .invalidEncoding),
    ]

    @Test("a damaged proof is refused with the Data Integrity error that names what is wrong", arguments: proofMutations.indices)
    func damagedProof(index: Int) throws {
        let (_, mutate, code) = Self.proofMutations[index]
        var signed = try #require(try Fixture.json("\(Self.folder)/signedJCS.json").objectValue)
        var proof = try #require(signed["proof"]?.objectValue)
        mutate(&proof)
        signed["proof"] = .object(proof)
        #expect {
            try DataIntegrity().verifyProof(proof, of: .object(signed), publicKey: try vectorKey().publicKey)
        } throws: { ($0 as? CredentialError)?.code == code }
    }

    @Test("proof sets and chains: two keys sign, each proof verifies, a chained proof covers the earlier one")
    func proofSetAndChain() throws {
        let first = try Ed25519PrivateKey(seed: [UInt8](repeating: 1, count: 32))
        let second = try Ed25519PrivateKey(seed: [UInt8](repeating: 2, count: 32))
        let engine = DataIntegrity()
        let unsigned = try Fixture.json("w3c-vc-di-eddsa/unsigned.json")
        let once = try engine.addProof(
            to: unsigned, suite: EdDSAJCS2022(),
            options: .init(verificationMethod: DIDKey.verificationMethodID(for: first.publicKey), id: "urn:proof:1"), key: first)
        let chained = try engine.addProof(
            to: once, suite: EdDSAJCS2022(),
            options: .init(verificationMethod: DIDKey.verificationMethodID(for: second.publicKey), previousProof: ["urn:proof:1"]),
            key: second)
        let proofs = try engine.proofs(of: chained)
        #expect(proofs.count == 2)
        try engine.verifyProof(proofs[0], of: chained, publicKey: first.publicKey)
        try engine.verifyProof(proofs[1], of: chained, publicKey: second.publicKey)
        // Altering the first proof breaks the second, which signed over it.
        var altered = try #require(chained.objectValue)
        var firstProof = proofs[0]
        firstProof["created"] = "2020-01-01T00:00:00Z"
        altered["proof"] = [.object(firstProof), .object(proofs[1])]
        #expect(throws: CredentialError.self) { try engine.verifyProof(proofs[1], of: .object(altered), publicKey: second.publicKey) }
    }
}
