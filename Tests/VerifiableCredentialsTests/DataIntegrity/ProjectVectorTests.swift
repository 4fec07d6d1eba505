import CanonicalJSON
import Ed25519
import Foundation
import Testing

@testable import VerifiableCredentials

/// Attest's own vectors in `Spec/vectors/`, read where they are published rather than copied.
@Suite("Spec/vectors")
struct ProjectVectorTests {
    static let folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Spec/vectors")

    func load(_ name: String) throws -> Data { try Data(contentsOf: Self.folder.appendingPathComponent(name)) }

    @Test("re-signing the unsigned vector with the test key reproduces the signed vector exactly")
    func reproduce() throws {
        let key = try Ed25519PrivateKey(pemRepresentation: String(decoding: try load("test-key-ed25519.TEST-ONLY.pem"), as: UTF8.self))
        let unsigned = try JSONValue.parse(bytes: try load("unsigned-credential.json"))
        let expected = try JSONValue.parse(bytes: try load("signed-credential-eddsa-jcs-2022.json"))
        let signed = try DataIntegrity().addProof(
            to: unsigned, suite: EdDSAJCS2022(),
            options: .init(
                verificationMethod: DIDKey.verificationMethodID(for: key.publicKey), created: DateTimeStamp.parse("2026-01-15T08:30:00Z")),
            key: key)
        #expect(signed.canonicalString == expected.canonicalString)
        #expect(signed["proof"]?["proofValue"] == expected["proof"]?["proofValue"])
    }

    @Test("the signed vector verifies, and its awkward numbers keep their JCS forms")
    func verifyAndNumbers() async throws {
        let signed = try JSONValue.parse(bytes: try load("signed-credential-eddsa-jcs-2022.json"))
        let report = await Verifier(now: DateTimeStamp.parse("2027-01-01T00:00:00Z")!).verify(signed)
        #expect(report.verdict == .valid, "\(report.checks)")
        let numbers = try #require(signed["credentialSubject"]?["awkwardNumbers"])
        #expect(numbers.canonicalString == "[0.1,0.30000000000000004,1e+21,1e-7,123456789012345680000,5e-324,0,9007199254740992,4.5,0.002]")
        let name = try #require(signed["credentialSubject"]?["achievement"]?["description"]?.stringValue)
        #expect(name.unicodeScalars.starts(with: ["A", "\u{030A}"]))
    }
}
