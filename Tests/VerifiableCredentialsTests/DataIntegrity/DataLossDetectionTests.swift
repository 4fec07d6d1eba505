import CanonicalJSON
import Ed25519
import Foundation
import LinkedData
import Testing

@testable import VerifiableCredentials

/// VC Data Integrity 1.0 §2.4: what the JSON-LD processor drops is not signed, so eddsa-rdfc-2022
/// must refuse to sign it and refuse to call it verified (DATA_LOSS_DETECTION_ERROR), naming it.
@Suite("eddsa-rdfc-2022 detects data the signature would not cover")
struct DataLossDetectionTests {
    /// A credential with `@vocab` (the W3C examples context) and one without (Open Badges 3.0).
    static func base(_ name: String) throws -> JSONObject {
        switch name {
        case "w3c": try #require(try Fixture.json("w3c-vc-di-eddsa/unsigned.json").objectValue)
        default: try #require(try Fixture.json("1edtech-openbadges-v3p0/ob-eddsa-rdfc-2022-vector.json")["unsignedCredential"]?.objectValue)
        }
    }

    /// One way to smuggle data past the signature: the base credential, where to put it, and the
    /// member path the error must name.
    struct Smuggle: Sendable, CustomTestStringConvertible {
        let base: String
        let what: String
        let path: String
        let change: @Sendable (inout JSONObject) -> Void
        var testDescription: String { "\(base): \(what)" }
    }

    static let smuggles: [Smuggle] = [
        Smuggle(base: "w3c", what: "a key with a space under @vocab", path: #"["favorite color"]"#) { $0["favorite color"] = "blue" },
        Smuggle(base: "w3c", what: "a key with a newline under @vocab", path: #"["favorite\ncolor"]"#) { $0["favorite\ncolor"] = "blue" },
        Smuggle(base: "ob", what: "an undefined top-level term", path: "favoriteColor") { $0["favoriteColor"] = "blue" },
        Smuggle(base: "ob", what: "an undefined nested term", path: #"credentialSubject.achievement["favorite color"]"#) {
            set(&$0, ["credentialSubject", "achievement", "favorite color"], "blue")
        },
        Smuggle(base: "w3c", what: "a nested key with a space under @vocab", path: #"credentialSubject["favorite color"]"#) {
            set(&$0, ["credentialSubject", "favorite color"], "blue")
        },
        Smuggle(base: "ob", what: "a nested term inside an array", path: "credentialSubject[1].favoriteColor") {
            $0["credentialSubject"] = [$0["credentialSubject"]!, ["id": "did:example:other", "favoriteColor": "blue"]]
        },
        Smuggle(base: "ob", what: "an undefined type", path: "type") {
            $0["type"] = ["VerifiableCredential", "OpenBadgeCredential", "FavoriteColor"]
        },
        Smuggle(base: "w3c", what: "a type with a space under @vocab", path: "type") {
            $0["type"] = ["VerifiableCredential", "Favorite Color"]
        },
        Smuggle(base: "ob", what: "an undefined nested type", path: "credentialSubject.achievement.type") {
            set(&$0, ["credentialSubject", "achievement", "type"], ["Achievement", "Undefined"])
        },
        Smuggle(base: "ob", what: "a key that is an absolute IRI with a space", path: #"["https://example.com/favorite color"]"#) {
            $0["https://example.com/favorite color"] = "blue"
        },
        Smuggle(base: "ob", what: "a blank-node key", path: #"["_:favorite"]"#) { $0["_:favorite"] = "blue" },
        Smuggle(base: "ob", what: "a relative id", path: "credentialSubject.id") { set(&$0, ["credentialSubject", "id"], "learner 42") },
        Smuggle(base: "ob", what: "a language that is no tag", path: "name") { $0["name"] = ["@value": "Teamwork", "@language": "en us"] },
        Smuggle(base: "ob", what: "a base direction RDF drops", path: "name") {
            $0["name"] = ["@value": "Teamwork", "@language": "en", "@direction": "ltr"]
        },
    ]

    /// Sets the member at `path` (objects only), creating nothing.
    static func set(_ object: inout JSONObject, _ path: [String], _ value: JSONValue) {
        guard let first = path.first else { return }
        if path.count == 1 {
            object[first] = value
        } else if var inner = object[first]?.objectValue {
            set(&inner, Array(path.dropFirst()), value)
            object[first] = .object(inner)
        }
    }

    static let key = try! Ed25519PrivateKey(seed: Array(repeating: 7, count: 32))
    static let options = DataIntegrity.ProofOptions(
        verificationMethod: "did:example:issuer#key-1", created: DateTimeStamp.parse("2026-01-01T00:00:00Z"))

    @Test("the unchanged credentials sign and verify (the checks below are not vacuous)", arguments: ["w3c", "ob"])
    func baseCredentialsVerify(base: String) throws {
        let signed = try DataIntegrity().addProof(
            to: .object(try Self.base(base)), suite: EdDSARDFC2022(), options: Self.options, key: Self.key)
        try DataIntegrity().verifyProof(try #require(signed["proof"]?.objectValue), of: signed, publicKey: Self.key.publicKey)
    }

    @Test("signing refuses the smuggled member and names it", arguments: smuggles)
    func signingRefuses(smuggle: Smuggle) throws {
        var document = try Self.base(smuggle.base)
        smuggle.change(&document)
        let error = try #require(throws: CredentialError.self) {
            try DataIntegrity().addProof(to: .object(document), suite: EdDSARDFC2022(), options: Self.options, key: Self.key)
        }
        #expect(error.code == .dataLossDetectionError)
        #expect(error.reason.contains("document member \(smuggle.path) "), "\(error.reason)")
    }

    @Test(
        "a credential signed by a processor that dropped the member does not verify, before or after the member is changed",
        arguments: smuggles)
    func verificationRefuses(smuggle: Smuggle) throws {
        var document = try Self.base(smuggle.base)
        smuggle.change(&document)
        // What an outside signer without safe mode produces: the member is simply not signed.
        let careless = EdDSARDFC2022(processor: JSONLDProcessor())
        let signed = try DataIntegrity(suites: [careless]).addProof(
            to: .object(document), suite: careless, options: Self.options, key: Self.key)
        let proof = try #require(signed["proof"]?.objectValue)
        let error = try #require(throws: CredentialError.self) {
            try DataIntegrity().verifyProof(proof, of: signed, publicKey: Self.key.publicKey)
        }
        #expect(error.code == .dataLossDetectionError)
        #expect(error.reason.contains(smuggle.path), "\(error.reason)")
    }

    @Test("the member is named in the verifier's report, and the verdict is invalid")
    func verifierReport() async throws {
        var document = try Self.base("ob")
        Self.set(&document, ["credentialSubject", "achievement", "favorite color"], "blue")
        let careless = EdDSARDFC2022(processor: JSONLDProcessor())
        let publicKey = Self.key.publicKey
        let method = DIDKey.verificationMethodID(for: publicKey)
        Self.set(&document, ["issuer", "id"], .string(String(method.prefix { $0 != "#" })))
        let signed = try DataIntegrity(suites: [careless]).addProof(
            to: .object(document), suite: careless, options: .init(verificationMethod: method), key: Self.key)
        let report = await Verifier(now: Date()).verify(signed)
        #expect(report.verdict == .invalid)
        let proofCheck = try #require(report.checks.first { $0.check == "proof" })
        #expect(proofCheck.outcome == .fail)
        #expect(proofCheck.message.contains(#"credentialSubject.achievement["favorite color"]"#), "\(proofCheck.message)")
    }
}
