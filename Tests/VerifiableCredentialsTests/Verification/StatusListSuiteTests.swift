import CanonicalJSON
import Ed25519
import Foundation
import Testing

@testable import VerifiableCredentials

/// The W3C Bitstring Status List test-suite fixtures through the whole Verifier: the fixtures are
/// unsigned drafts, so a test issuer signs each list and credential, keeping their content, and the
/// lists the fixtures name but the suite never published are derived from the published ones as
/// their names describe (expired, undecodable, short, type missing, type wrong).
@Suite("Bitstring Status List test-suite fixtures, verified end to end")
struct StatusListSuiteTests {
    static let folder = "w3c-vc-bitstring-status-list-test-suite/fixtures"
    static let base = "https://w3c-ccg.github.io/vc-api/fixtures/credentials/status/"
    static let now = DateTimeStamp.parse("2026-11-23T12:00:00Z")!
    let key: Ed25519PrivateKey
    let issuer: String

    init() throws {
        key = try Ed25519PrivateKey(seed: [UInt8](repeating: 11, count: 32))
        issuer = DIDKey.did(for: key.publicKey)
    }

    func signed(_ document: JSONValue, id: String? = nil) throws -> JSONValue {
        var object = try #require(document.objectValue)
        object["issuer"] = .string(issuer)
        if let id { object["id"] = .string(id) }
        return try DataIntegrity().addProof(
            to: .object(object), suite: EdDSAJCS2022(),
            options: .init(verificationMethod: DIDKey.verificationMethodID(for: key.publicKey), created: Self.now), key: key)
    }

    func lists() throws -> [String: JSONValue] {
        let single = try Fixture.json("\(Self.folder)/status-credentials/single-purpose-ok.jsonld")
        let multi = try Fixture.json("\(Self.folder)/status-credentials/multi-purpose-ok.jsonld")
        func changed(_ list: JSONValue, _ change: (inout JSONObject) -> Void) -> JSONValue {
            var object = list.objectValue!
            change(&object)
            return .object(object)
        }
        let unsigned: [String: JSONValue] = [
            "purpose-single-ok": single,
            "purpose-multi-ok": multi,
            "date-expired-fail": changed(single) { $0["validUntil"] = "2024-01-01T00:00:00Z" },
            "encoded-list-invalid-fail": changed(single) {
                var subject = $0["credentialSubject"]!.objectValue!
                subject["encodedList"] = "u-not-gzip-at-all"
                $0["credentialSubject"] = .object(subject)
            },
            "encoded-list-short-fail": try Fixture.json("\(Self.folder)/status-credentials/short-encoded-list-fail.jsonld"),
            "vc-type-missing-fail": changed(single) { $0["type"] = ["VerifiableCredential"] },
            "vc-type-wrong-fail": changed(single) { $0["type"] = ["VerifiableCredential", "StatusList2021Credential"] },
        ]
        var signedLists: [String: JSONValue] = [:]
        for (name, list) in unsigned {
            signedLists[Self.base + name + ".jsonld"] = try signed(list, id: Self.base + name + ".jsonld")
        }
        return signedLists
    }

    @Test(
        "each credential gets the verdict its name promises",
        arguments: [
            ("sl-purpose-single-ok", Verdict.valid, "not revoked"),
            ("sl-purpose-multi-ok", .valid, "not revoked"),
            ("should-be-revoked", .invalid, "revoked"),
            ("should-be-suspended", .invalid, "suspended"),
            ("sl-date-expired-fail", .indeterminate, "has expired"),
            ("sl-encoded-list-invalid-fail", .indeterminate, "encodedList"),
            ("sl-encoded-list-short-fail", .indeterminate, "131072"),
            ("sl-vc-type-missing-fail", .indeterminate, "BitstringStatusListCredential"),
            ("sl-vc-type-wrong-fail", .indeterminate, "BitstringStatusListCredential"),
        ])
    func verdict(name: String, expected: Verdict, message: String) async throws {
        let credential = try signed(try Fixture.json("\(Self.folder)/\(name).jsonld"))
        let verifier = Verifier(statusLists: StaticStatusListSource(credentials: try lists()), now: Self.now)
        let report = await verifier.verify(credential)
        #expect(report.verdict == expected, "\(report.checks)")
        let status = try #require(report.checks.first { $0.check == "status" })
        #expect(status.message.replacingOccurrences(of: ",", with: "").contains(message), "\(status.message)")
    }

    @Test("a list the credential's issuer did not sign is never trusted")
    func foreignList() async throws {
        let stranger = try Ed25519PrivateKey(seed: [UInt8](repeating: 12, count: 32))
        var lists = try lists()
        var forged = try #require(lists[Self.base + "purpose-single-ok.jsonld"]?.objectValue)
        forged["proof"] = nil
        forged["issuer"] = .string(DIDKey.did(for: stranger.publicKey))
        lists[Self.base + "purpose-single-ok.jsonld"] = try DataIntegrity().addProof(
            to: .object(forged), suite: EdDSAJCS2022(),
            options: .init(verificationMethod: DIDKey.verificationMethodID(for: stranger.publicKey), created: Self.now), key: stranger)
        let report = await Verifier(statusLists: StaticStatusListSource(credentials: lists), now: Self.now)
            .verify(try signed(try Fixture.json("\(Self.folder)/sl-purpose-single-ok.jsonld")))
        #expect(report.verdict == .indeterminate)
    }
}
