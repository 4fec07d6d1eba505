import CanonicalJSON
import Ed25519
import Foundation
import Testing

@testable import VerifiableCredentials

@Suite("Verifier reports")
struct VerifierTests {
    static let now = DateTimeStamp.parse("2026-11-23T12:00:00Z")!
    let key: Ed25519PrivateKey

    init() throws {
        key = try Ed25519PrivateKey(seed: [UInt8](repeating: 42, count: 32))
    }

    func credential(_ changes: (inout JSONObject) -> Void = { _ in }) -> JSONValue {
        var object: JSONObject = [
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": "https://certs.example.org/c/ABC123",
            "type": ["VerifiableCredential"],
            "issuer": .string(DIDKey.did(for: key.publicKey)),
            "validFrom": "2026-01-01T00:00:00Z",
            "validUntil": "2027-01-01T00:00:00Z",
            "credentialSubject": ["name": "Ελένη Παπαδοπούλου"],
        ]
        changes(&object)
        return .object(object)
    }

    func signed(_ credential: JSONValue, with signingKey: Ed25519PrivateKey? = nil) throws -> JSONValue {
        let signingKey = signingKey ?? key
        return try DataIntegrity().addProof(
            to: credential, suite: EdDSAJCS2022(),
            options: .init(verificationMethod: DIDKey.verificationMethodID(for: signingKey.publicKey), created: Self.now), key: signingKey)
    }

    func outcome(_ report: VerificationReport, _ check: String) -> CheckOutcome? {
        report.checks.first { $0.check == check && $0.outcome != .pass }?.outcome ?? report.checks.first { $0.check == check }?.outcome
    }

    @Test("a well-formed credential signed by its issuer's did:key is valid")
    func valid() async throws {
        let report = await Verifier(now: Self.now).verify(try signed(credential()))
        #expect(report.verdict == .valid, "\(report.checks)")
        #expect(outcome(report, "proof") == .pass)
        #expect(outcome(report, "key-binding") == .pass)
        #expect(outcome(report, "issuer-trust") == .skip)
        #expect(report.credential.subjectName == "Ελένη Παπαδοπούλου")
        #expect(report.json["verdict"] == "valid")
    }

    @Test("a changed subject name makes it invalid, and the proof check says so")
    func tampered() async throws {
        var object = try #require(try signed(credential()).objectValue)
        object["credentialSubject"] = ["name": "Ελένη Παπαδοπουλου"]
        let report = await Verifier(now: Self.now).verify(.object(object))
        #expect(report.verdict == .invalid)
        #expect(report.decisiveCheck?.check == "proof")
    }

    @Test("a key that is not the issuer's fails key binding")
    func wrongIssuerKey() async throws {
        let stranger = try Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32))
        let report = await Verifier(now: Self.now).verify(try signed(credential(), with: stranger))
        #expect(report.verdict == .invalid)
        #expect(report.decisiveCheck?.check == "key-binding")
    }

    @Test("outside the validity period it is invalid; --at judges another moment")
    func validityPeriod() async throws {
        let signedCredential = try signed(credential())
        let later = await Verifier(now: DateTimeStamp.parse("2027-06-01T00:00:00Z")!).verify(signedCredential)
        #expect(later.verdict == .invalid)
        #expect(later.decisiveCheck?.message.hasPrefix("expired") == true)
        let earlier = await Verifier(now: DateTimeStamp.parse("2025-06-01T00:00:00Z")!).verify(signedCredential)
        #expect(earlier.decisiveCheck?.message.hasPrefix("not valid yet") == true)
    }

    @Test("a status entry that cannot be checked makes the verdict indeterminate, never valid")
    func uncheckedStatus() async throws {
        let withStatus = credential {
            $0["credentialStatus"] = [
                "id": "https://certs.example.org/status/1#94567", "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation", "statusListIndex": "94567", "statusListCredential": "https://certs.example.org/status/1",
            ]
        }
        let report = await Verifier(now: Self.now).verify(try signed(withStatus))
        #expect(report.verdict == .indeterminate)
        #expect(outcome(report, "status") == .indeterminate)
    }

    @Test("a did:web key with no resolver for it is indeterminate, not invalid")
    func unresolvableMethod() async throws {
        var proofCredential = try #require(try signed(credential { $0["issuer"] = "did:web:certs.example.org" }).objectValue)
        var proof = try #require(proofCredential["proof"]?.objectValue)
        proof["verificationMethod"] = "did:web:certs.example.org#key-1"
        proofCredential["proof"] = .object(proof)
        let report = await Verifier(now: Self.now).verify(.object(proofCredential))
        #expect(report.verdict == .indeterminate)
        #expect(report.decisiveCheck?.check == "key-binding")
    }

    @Test("a trust list decides issuer trust; a trusted did:web document resolves its key")
    func trustList() async throws {
        let issuer = "did:web:certs.example.org"
        let method = VerificationMethod(id: issuer + "#key-1", controller: issuer, publicKey: key.publicKey)
        let document = DIDDocument(id: issuer, verificationMethods: [method], assertionMethod: [method.id], authentication: [])
        let signedCredential = try DataIntegrity().addProof(
            to: credential { $0["issuer"] = .string(issuer) }, suite: EdDSAJCS2022(),
            options: .init(verificationMethod: method.id, created: Self.now), key: key)
        let trusted = Verifier(resolver: StaticDIDResolver(documents: [document]), trustedIssuers: [issuer], now: Self.now)
        let report = await trusted.verify(signedCredential)
        #expect(report.verdict == .valid, "\(report.checks)")
        #expect(outcome(report, "issuer-trust") == .pass)
        let distrusting = Verifier(
            resolver: StaticDIDResolver(documents: [document]), trustedIssuers: ["did:web:other.example"], now: Self.now)
        #expect(await distrusting.verify(signedCredential).verdict == .invalid)
    }

    @Test("a credential without a proof or with a broken data model is invalid")
    func missingProofAndBrokenModel() async throws {
        let unsigned = await Verifier(now: Self.now).verify(credential())
        #expect(unsigned.verdict == .invalid)
        #expect(outcome(unsigned, "proof") == .fail)
        let broken = await Verifier(now: Self.now).verify(try signed(credential { $0["credentialSubject"] = [:] }))
        #expect(outcome(broken, "data-model") == .fail)
    }
}
