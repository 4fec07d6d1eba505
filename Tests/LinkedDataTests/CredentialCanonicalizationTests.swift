import CanonicalJSON
import Foundation
import LinkedData
import Testing

/// A credential (or proof configuration) and the canonical N-Quads published for it.
struct CredentialVector: CustomTestStringConvertible, Sendable {
    let input: String
    let expected: String
    /// A member to take from the input instead of the whole document (the OB vector nests it).
    let member: String?
    /// A member whose `@context` the proof options take, as Data Integrity prescribes.
    var contextFrom: String? = nil
    /// A member to remove first (the proof of a signed credential).
    var dropping: String? = nil
    var testDescription: String { input + (member.map { "#" + $0 } ?? "") }

    static let all: [CredentialVector] = [
        CredentialVector(
            input: "w3c-vc-di-eddsa/unsigned.json", expected: "w3c-vc-di-eddsa/eddsa-rdfc-2022/canonDocDataInt.txt", member: nil),
        CredentialVector(
            input: "w3c-vc-di-eddsa/eddsa-rdfc-2022/proofConfigDataInt.json",
            expected: "w3c-vc-di-eddsa/eddsa-rdfc-2022/proofCanonDataInt.txt", member: nil),
        CredentialVector(
            input: "w3c-vc-di-eddsa/employmentAuth.json", expected: "w3c-vc-di-eddsa/eddsa-rdfc-2022/employ/canonDocDataInt.txt",
            member: nil),
        CredentialVector(
            input: "w3c-vc-di-eddsa/eddsa-rdfc-2022/employ/proofConfigDataInt.json",
            expected: "w3c-vc-di-eddsa/eddsa-rdfc-2022/employ/proofCanonDataInt.txt", member: nil),
        CredentialVector(
            input: "1edtech-openbadges-v3p0/ob-eddsa-rdfc-2022-vector.json", expected: "1edtech-openbadges-v3p0/document-canon.txt",
            member: "unsignedCredential"),
        CredentialVector(
            input: "1edtech-openbadges-v3p0/ob-eddsa-rdfc-2022-vector.json", expected: "1edtech-openbadges-v3p0/proof-canon.txt",
            member: "proofOptions", contextFrom: "unsignedCredential"),
        CredentialVector(
            input: "w3c-vc-di-eddsa/Ed25519Signature2020/signedEdSig.json",
            expected: "w3c-vc-di-eddsa/Ed25519Signature2020/canonDocEdSig.txt", member: nil, dropping: "proof"),
        CredentialVector(
            input: "w3c-vc-di-eddsa/Ed25519Signature2020/proofConfigEdSig.json",
            expected: "w3c-vc-di-eddsa/Ed25519Signature2020/proofCanonEdSig.txt", member: nil),
    ]
}

@Suite("Credentials canonicalize to the published N-Quads")
struct CredentialCanonicalizationTests {
    @Test("JSON-LD → RDFC-1.0 N-Quads, byte for byte", arguments: CredentialVector.all)
    func canonicalNQuads(_ vector: CredentialVector) throws {
        let file = try Fixtures.json(vector.input)
        var document = file
        if let member = vector.member { document = try #require(file[member]) }
        if let contextFrom = vector.contextFrom, var object = document.objectValue {
            object["@context"] = try #require(file[contextFrom]?["@context"])
            document = .object(object)
        }
        if let dropping = vector.dropping, var object = document.objectValue {
            object[dropping] = nil
            document = .object(object)
        }
        let expected = try Fixtures.text(vector.expected)
        let nquads = try JSONLDProcessor().canonicalNQuads(document)
        #expect(nquads == expected)
    }
}

/// The Digital Credentials Consortium's published credentials (VC 1.1 and 2.0, Open Badges 3.0.x,
/// Ed25519Signature2020 and eddsa-rdfc-2022): each document and each proof configuration must
/// deserialize to RDF with only the bundled contexts. (Their signatures were checked upstream
/// with these same contexts; the signature checks belong to VerifiableCredentials.)
@Suite("DCC credentials deserialize with the bundled contexts")
struct DCCCredentialTests {
    static let files = jsonFiles(under: "dcc-vc-test-fixtures")

    /// Paths (relative to `Fixtures/`) of the `.json` files in a fixture folder, recursively.
    static func jsonFiles(under folder: String) -> [String] {
        let enumerator = FileManager.default.enumerator(at: Fixtures.url(folder), includingPropertiesForKeys: nil)
        var paths: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "json" else { continue }
            paths.append(folder + "/" + url.path.components(separatedBy: "/" + folder + "/").last!)
        }
        return paths.sorted()
    }

    @Test("the fixture folder holds the 89 credentials and 2 DID documents")
    func fileCount() {
        #expect(Self.files.count == 91)
    }

    @Test("document and proof configurations → RDF", arguments: files)
    func deserialize(_ path: String) throws {
        let file = try Fixtures.json(path)
        var document = try #require(file.objectValue)
        let proofs = document["proof"]?.asArray ?? []
        document["proof"] = nil
        let processor = JSONLDProcessor()
        let dataset = try processor.toRDF(.object(document), base: nil)
        #expect(dataset.count > 0)
        for case .object(var proof) in proofs {
            proof["proofValue"] = nil
            proof["@context"] = document["@context"]
            #expect(try processor.toRDF(.object(proof), base: nil).count > 0)
        }
    }
}

/// The issuer-side inputs of the W3C VC Data Model 2.0 test suite: every credential an issuer
/// must accept deserializes to RDF; the two that break JSON-LD itself fail with its error codes.
@Suite("VC 2.0 test-suite credentials")
struct VCDataModelSuiteTests {
    static let acceptableFiles: [String] = DCCCredentialTests.jsonFiles(under: "w3c-vc-data-model-2.0-test-suite").filter {
        $0.hasSuffix("-ok.json")
    }

    @Test("the suite's -ok credentials", arguments: acceptableFiles)
    func acceptable(_ path: String) throws {
        let dataset = try JSONLDProcessor().toRDF(Fixtures.json(path), base: nil)
        #expect(dataset.count > 0)
    }

    @Test(
        "JSON-LD-level failures",
        arguments: [
            ("credential-redef-type-fail.json", .protectedTermRedefinition),
            ("credential-context-combo3-fail.json", .loadingRemoteContextFailed),
        ] as [(String, LinkedDataError.Code)])
    func jsonLDFailures(_ file: String, _ code: LinkedDataError.Code) throws {
        let document = try Fixtures.json("w3c-vc-data-model-2.0-test-suite/" + file)
        let error = #expect(throws: LinkedDataError.self) { try JSONLDProcessor().toRDF(document, base: nil) }
        #expect(error?.code == code)
    }
}
