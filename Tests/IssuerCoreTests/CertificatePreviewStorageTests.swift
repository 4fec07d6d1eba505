import CanonicalJSON
import Foundation
import IssuerCore
import Testing

/// The domain's side of documents, with a maker of deterministic bytes: issuance stores the
/// maker's PDF; the preview is asked for on first request, stored, and read back after; the
/// training history reaches the maker as the domain decided it. (The drawing itself is tested
/// with the real maker in CertificateDocumentsTests.)
@Suite struct CertificatePreviewStorageTests {
    func issue(_ maker: TestDocumentMaker) async throws -> (IssuerEnvironment, CredentialRecord) {
        let fixture = try await IssuerFixture()
        var environment = fixture.environment
        environment.documents = maker
        let pipeline = IssuancePipeline(environment: environment, actor: "test")
        guard case .issued(_, let credentialID) = try await pipeline.intake(IssuerFixture.event()) else {
            Issue.record("the completion was not issued")
            throw CancellationError()
        }
        return (environment, try await pipeline.finish(credentialID: credentialID))
    }

    @Test func issuanceStoresTheMakersPDFWithTheSignedCredential() async throws {
        let (_, record) = try await issue(TestDocumentMaker())
        let pdf = try #require(record.pdf)
        let credentialJSON = try #require(record.credentialJSON)
        let passcode = try #require(record.passcode)
        #expect(Array(pdf) == TestDocumentMaker.pdfMarker + Array("working-at-height-2 \(passcode)\n".utf8) + Array(credentialJSON))
        #expect(record.png == nil)
        #expect(record.hasPreview)
    }

    @Test func firstRequestAsksTheMakerAndStoresThePreview() async throws {
        let (environment, record) = try await issue(TestDocumentMaker())
        let first = try #require(try await environment.certificatePreview(for: record))
        let signed = try JSONValue.parse(bytes: Array(try #require(record.credentialJSON)))
        let expected = try await TestDocumentMaker().preview(
            signedCredential: signed, program: IssuerFixture.program, passcode: record.passcode!)
        #expect(first == expected)
        let stored = try await environment.store.read { try $0.credential(id: record.id) }
        #expect(stored?.png == Data(first))

        let marker = TestDocumentMaker.pngSignature + [1, 2, 3]
        try await environment.store.write { transaction in
            var changed = try #require(try transaction.credential(id: record.id))
            changed.png = Data(marker)
            try transaction.updateCredential(changed)
        }
        let reread = try #require(try await environment.store.read { try $0.credential(id: record.id) })
        #expect(try await environment.certificatePreview(for: reread) == marker)
    }

    @Test func aPreviewMadeAtIssuanceIsServedAsStored() async throws {
        let (environment, record) = try await issue(TestDocumentMaker(previewAtIssuance: true))
        let png = try #require(record.png)
        #expect(try await environment.certificatePreview(for: record) == Array(png))
    }

    @Test func theTrainingHistoryReachesTheMakerWithActiveModulesAndTheCurrentCredential() async throws {
        let fixture = try await IssuerFixture()
        var environment = fixture.environment
        environment.documents = TestDocumentMaker()
        let service = ComplianceService(environment: environment, actor: "test")
        try await service.saveConfiguration(ComplianceServiceTests.configuration)
        let worker = try await service.worker("W-1001", email: "ana@example.org", name: "Ana Lima")
        try await service.join(learnerID: worker.id, configurationID: ComplianceServiceTests.configuration.id)
        try await service.complete(learnerID: worker.id, moduleID: "electrical-safety")
        try await service.complete(learnerID: worker.id, moduleID: "live-demo")
        let programID = ComplianceServiceTests.configuration.programID
        let credential = try #require(
            try await fixture.store.read { try $0.currentCredential(learnerID: worker.id, programID: programID) })

        let pdf = try await TrainingHistoryDocument(environment: environment).pdf(
            learnerID: worker.id, configurationID: ComplianceServiceTests.configuration.id)
        let now = fixture.clock.now
        let expected = TrainingDocumentBytes.history(
            title: "Training history — Site electricians",
            lines: [
                "Live demo \(now.timeIntervalSince1970) \(now.addingTimeInterval(30).timeIntervalSince1970)",
                "Electrical safety \(now.timeIntervalSince1970) \(now.addingTimeInterval(365 * 86_400).timeIntervalSince1970)",
            ], credentialJSON: Array(try #require(credential.credentialJSON)))
        #expect(pdf == expected)

        environment.documents = nil
        let refused = await #expect(throws: IssuerError.self) {
            try await TrainingHistoryDocument(environment: environment).pdf(
                learnerID: worker.id, configurationID: ComplianceServiceTests.configuration.id)
        }
        #expect(refused?.code == .documentsUnavailable)
    }
}

/// The bytes ``TestDocumentMaker`` makes for a history, spelled out for comparison.
enum TrainingDocumentBytes {
    static func history(title: String, lines: [String], credentialJSON: [UInt8]) -> [UInt8] {
        TestDocumentMaker.pdfMarker + Array(([title] + lines).joined(separator: "\n").utf8) + [0x0A] + credentialJSON
    }
}
