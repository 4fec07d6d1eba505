import CanonicalJSON
import LinkedData
import Testing

/// A credential (or proof configuration) and the canonical N-Quads published for it.
struct CredentialVector: CustomTestStringConvertible, Sendable {
    let input: String
    let expected: String
    /// A member to take from the input instead of the whole document (the OB vector nests it).
    let member: String?
    var testDescription: String { input + (member.map { "#" + $0 } ?? "") }

    static let all: [CredentialVector] = [
        CredentialVector(input: "w3c-vc-di-eddsa/unsigned.json", expected: "w3c-vc-di-eddsa/eddsa-rdfc-2022/canonDocDataInt.txt", member: nil),
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
    ]
}

@Suite("Credentials canonicalize to the published N-Quads")
struct CredentialCanonicalizationTests {
    @Test("JSON-LD → RDFC-1.0 N-Quads, byte for byte", arguments: CredentialVector.all)
    func canonicalNQuads(_ vector: CredentialVector) throws {
        var document = try Fixtures.json(vector.input)
        if let member = vector.member { document = try #require(document[member]) }
        let expected = try Fixtures.text(vector.expected)
        let nquads = try JSONLDProcessor().canonicalNQuads(document)
        #expect(nquads == expected)
    }
}
