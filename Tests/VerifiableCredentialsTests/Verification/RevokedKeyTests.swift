import CanonicalJSON
import Ed25519
import Foundation
import Testing

@testable import VerifiableCredentials

/// Issue 14 item 14 in the Verifier: a verification method with `revoked` (Controlled Identifiers
/// 1.0) refuses proofs created at or after that moment, and proofs created before it count only
/// while the method is still under `assertionMethod`.
@Suite("Verifier: revoked (compromised) keys")
struct RevokedKeyTests {
    static let did = "did:web:certs.example.org"
    static let revoked = DateTimeStamp.parse("2026-06-01T00:00:00Z")!
    static let now = DateTimeStamp.parse("2026-11-23T12:00:00Z")!
    let key: Ed25519PrivateKey

    init() throws {
        key = try Ed25519PrivateKey(seed: [UInt8](repeating: 42, count: 32))
    }

    func signed(created: String) throws -> JSONValue {
        let credential: JSONValue = [
            "@context": ["https://www.w3.org/ns/credentials/v2"], "id": "https://certs.example.org/c/ABC123",
            "type": ["VerifiableCredential"], "issuer": .string(Self.did), "validFrom": "2026-01-01T00:00:00Z",
            "credentialSubject": ["name": "Ελένη Παπαδοπούλου"],
        ]
        return try DataIntegrity().addProof(
            to: credential, suite: EdDSAJCS2022(),
            options: .init(verificationMethod: "\(Self.did)#key-1", created: DateTimeStamp.parse(created)!), key: key)
    }

    func document(assertion: Bool) throws -> DIDDocument {
        let method = VerificationMethod(id: "\(Self.did)#key-1", controller: Self.did, publicKey: key.publicKey, revoked: Self.revoked)
        // Through JSON, as a verifier reads a published document.
        let published = DIDDocument(
            id: Self.did, verificationMethods: [method], assertionMethod: assertion ? [method.id] : [], authentication: [])
        return try DIDDocument(json: published.json)
    }

    func report(created: String, assertion: Bool) async throws -> VerificationReport {
        let verifier = Verifier(resolver: StaticDIDResolver(documents: [try document(assertion: assertion)]), now: Self.now)
        return await verifier.verify(try signed(created: created))
    }

    @Test("revoked is published and read back as a dateTimeStamp")
    func roundTrip() throws {
        let document = try document(assertion: false)
        #expect(document.verificationMethod(withID: "\(Self.did)#key-1")?.revoked == Self.revoked)
        #expect(document.json["verificationMethod"]?.asArray.first?["revoked"] == "2026-06-01T00:00:00Z")
        let bad: JSONValue = [
            "id": "#key-1", "type": "Multikey", "publicKeyMultibase": .string(Multikey.encode(key.publicKey)), "revoked": "June",
        ]
        #expect(throws: CredentialError.self) { try VerificationMethod(json: bad, documentID: Self.did) }
    }

    @Test("a proof created at or after revoked is refused, even with the key under assertionMethod")
    func afterRevocation() async throws {
        for created in ["2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z"] {
            let report = try await report(created: created, assertion: true)
            #expect(report.verdict == .invalid)
            #expect(report.decisiveCheck?.check == "key-binding")
            #expect(report.decisiveCheck?.message.hasPrefix("signed by a compromised key after its compromise time") == true)
        }
    }

    @Test("a proof created before revoked counts while the key is under assertionMethod, and not once it left")
    func beforeRevocation() async throws {
        #expect(try await report(created: "2026-05-31T23:59:59Z", assertion: true).verdict == .valid)
        let left = try await report(created: "2026-05-31T23:59:59Z", assertion: false)
        #expect(left.verdict == .invalid)
        #expect(left.decisiveCheck?.message.contains("is a compromised key (revoked as of 2026-06-01T00:00:00Z)") == true)
    }
}
