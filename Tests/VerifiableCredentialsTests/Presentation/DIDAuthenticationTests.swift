import CanonicalJSON
import Ed25519
import Foundation
import Testing

@testable import VerifiableCredentials

@Suite("DID authentication: a did:key holder's presentation with the verifier's challenge and domain")
struct DIDAuthenticationTests {
    static let key = try! Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32))
    static let holder = DIDKey.did(for: key.publicKey)
    static let challenge = "b7f2c9d1e0a34f5c"
    static let domain = "https://certs.example.org"

    /// A presentation signed the way a wallet signs one: the proof configuration (with challenge
    /// and domain) and the document hashed by the suite, signed with the holder's key.
    static func presentation(
        suite: any Cryptosuite = EdDSARDFC2022(), holder: String = holder, key: Ed25519PrivateKey = key, challenge: String = challenge,
        domain: JSONValue = .string(domain), purpose: String = "authentication", verificationMethod: String? = nil
    ) throws -> JSONValue {
        let legacy = suite.cryptosuiteName == nil
        let document: JSONObject = [
            "@context": legacy
                ? ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/suites/ed25519-2020/v1"]
                : ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiablePresentation"], "holder": .string(holder),
        ]
        var proof: JSONObject = [
            "type": .string(suite.proofType), "created": "2026-11-23T09:00:00Z",
            "verificationMethod": .string(verificationMethod ?? DIDKey.verificationMethodID(for: Self.key.publicKey)),
            "proofPurpose": .string(purpose), "challenge": .string(challenge), "domain": domain,
        ]
        if let name = suite.cryptosuiteName { proof["cryptosuite"] = .string(name) }
        let signature = try key.signature(for: try suite.hashData(document: document, proofConfiguration: proof))
        proof["proofValue"] = .string(Multibase.encode(signature, base: .base58btc))
        var signed = document
        signed["proof"] = .object(proof)
        return .object(signed)
    }

    let check = DIDAuthentication(challenge: challenge, domain: domain)

    @Test("eddsa-rdfc-2022 and Ed25519Signature2020 presentations authenticate their holder")
    func accepted() throws {
        #expect(try check.authenticate(try Self.presentation()).holder == Self.holder)
        #expect(try check.authenticate(try Self.presentation(suite: Ed25519Signature2020())).holder == Self.holder)
        #expect(try check.authenticate(try Self.presentation(domain: [.string(Self.domain)])).key == Self.key.publicKey)
    }

    func refused(_ presentation: JSONValue, _ code: CredentialError.Code) {
        #expect {
            try check.authenticate(presentation)
        } throws: {
            ($0 as? CredentialError)?.code == code
        }
    }

    @Test("refused: another challenge, another domain, a tampered or foreign signature, another purpose, no did:key holder")
    func refusals() throws {
        refused(try Self.presentation(challenge: "another"), .invalidChallengeError)
        refused(try Self.presentation(domain: "https://evil.example"), .invalidDomainError)
        var tampered = try #require(try Self.presentation().objectValue)
        tampered["holder"] = .string(DIDKey.did(for: try Ed25519PrivateKey(seed: [UInt8](repeating: 8, count: 32)).publicKey))
        refused(.object(tampered), .invalidVerificationMethod)
        let other = try Ed25519PrivateKey(seed: [UInt8](repeating: 8, count: 32))
        refused(try Self.presentation(key: other), .proofVerificationError)
        refused(try Self.presentation(purpose: "assertionMethod"), .invalidPresentation)
        refused(try Self.presentation(holder: "did:web:example.org"), .invalidDid)
        refused(["type": ["VerifiableCredential"]], .invalidPresentation)
        var unsigned = try #require(try Self.presentation().objectValue)
        unsigned["proof"] = nil
        refused(.object(unsigned), .malformedProofError)
        var altered = try #require(try Self.presentation().objectValue)
        altered["id"] = "urn:uuid:8d2f3a2e-0d39-4a0b-9f27-4bfae7c0b1e1"
        refused(.object(altered), .proofVerificationError)
        refused(try Self.presentation(domain: .null), .invalidDomainError)
    }

    @Test("the request link's check accepts a proof without a domain, never one with another domain")
    func domainOptional() throws {
        let lenient = DIDAuthentication(challenge: Self.challenge, domain: Self.domain, domainRequired: false)
        var withoutDomain = try #require(try Self.presentation().objectValue)
        var proof = try #require(withoutDomain["proof"]?.objectValue)
        proof["domain"] = nil
        proof["proofValue"] = nil
        let suite = EdDSARDFC2022()
        var unsigned = withoutDomain
        unsigned["proof"] = nil
        let signature = try Self.key.signature(for: try suite.hashData(document: unsigned, proofConfiguration: proof))
        proof["proofValue"] = .string(Multibase.encode(signature, base: .base58btc))
        withoutDomain["proof"] = .object(proof)
        #expect(try lenient.authenticate(.object(withoutDomain)).holder == Self.holder)
        #expect(throws: CredentialError.self) { try check.authenticate(.object(withoutDomain)) }
        #expect(throws: CredentialError.self) { try lenient.authenticate(try Self.presentation(domain: "https://evil.example")) }
    }
}
