import CanonicalJSON
import Foundation
import Testing

@testable import VerifiableCredentials

/// Credentials issued by the Digital Credentials Consortium's tools (VC 1.1 and 2.0; eddsa-rdfc-2022,
/// Ed25519Signature2020, or both; did:key and did:web), judged as their file names promise.
@Suite("Digital Credentials Consortium fixtures")
struct DCCFixtureTests {
    static let root = "dcc-vc-test-fixtures"
    static let credentialFiles: [String] = {
        let base = Fixture.url("\(root)/verifiableCredentials")
        let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "json" }
            .map { String($0.path.dropFirst(base.path.count + 1)) }.sorted()
    }()

    func verifier() throws -> Verifier {
        let documents = try ["dids/legacy/did.json", "dids/oidf/did.json"].map {
            try DIDDocument(json: try Fixture.json("\(Self.root)/\($0)"))
        }
        let listFolder = Fixture.url("\(Self.root)/statusLists/didkey-ed25519Signature2020")
        let lists = try FileManager.default.contentsOfDirectory(atPath: listFolder.path).map {
            try JSONValue.parse(bytes: try Data(contentsOf: listFolder.appendingPathComponent($0)))
        }
        return Verifier(
            resolver: StaticDIDResolver(documents: documents), statusLists: StaticStatusListSource(listCredentials: lists),
            now: DateTimeStamp.parse("2026-11-23T12:00:00Z")!)
    }

    @Test("there are DCC credentials to check")
    func present() {
        #expect(Self.credentialFiles.count > 50)
    }

    @Test(
        "every signature verifies unless the file says tampered or bad DID; the verdict is never valid when the name says otherwise",
        arguments: credentialFiles)
    func verdict(file: String) async throws {
        let credential = try Fixture.json("\(Self.root)/verifiableCredentials/\(file)")
        let report = await try verifier().verify(credential)
        let name = file.split(separator: "/").last!.lowercased()
        let proofOutcomes = report.checks.filter { $0.check == "proof" }.map(\.outcome)
        if name.contains("baddidweb") {
            // Its did:web names no document we can have: the key cannot be bound, so it cannot be valid.
            #expect(report.checks.contains { $0.check == "key-binding" && $0.outcome != .pass })
            #expect(report.verdict != .valid)
            return
        }
        #expect(!proofOutcomes.isEmpty)
        if name.contains("-tampered.") {
            #expect(proofOutcomes.contains(.fail), "\(report.checks)")
        } else {
            #expect(proofOutcomes.allSatisfy { $0 == .pass }, "\(report.checks)")
            #expect(report.checks.first { $0.check == "data-model" }?.outcome == .pass, "\(report.checks)")
        }
        let expired = name.contains("-expired") && !name.contains("expiredstatus")
        let notYetValid = name.contains("-notyetvalid.") || name.contains("notyetvalid-")
        if expired || notYetValid {
            #expect(report.checks.first { $0.check == "validity-period" }?.outcome == .fail, "\(report.checks)")
        }
        let badStatus = ["revoked", "expiredstatus", "missingtypestatus", "notyetvalidstatus", "tamperedstatus"].contains {
            name.contains($0)
        }
        if badStatus || expired || notYetValid || name.contains("tampered") {
            #expect(report.verdict != .valid, "\(report.checks)")
        }
    }
}
