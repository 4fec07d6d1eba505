import CertificateDocuments
import Foundation
import IssuerCore
import PDFEmbedding
import TestSupport
import Testing

/// The training history drawn by the real maker: a PDF around the worker's current compliance
/// credential, embedded byte for byte, printing the history's title and every active module.
@Suite struct TrainingHistoryDrawingTests {
    static let configuration = TrainingConfiguration(
        id: "site-electricians", group: "Site electricians",
        modules: [
            TrainingModule(id: "electrical-safety", name: "Electrical safety", validity: "P1Y"),
            TrainingModule(id: "live-demo", name: "Live-line demo", validity: "P2Y"),
        ],
        certificate: ComplianceCertificateSettings(enabled: true))

    @Test func theHistoryPDFEmbedsTheCurrentCredentialAndPrintsEveryModule() async throws {
        let fixture = try await IssuerFixture()
        var environment = fixture.environment
        environment.documents = CertificateDocumentRenderer()
        let service = ComplianceService(environment: environment, actor: "test")
        try await service.saveConfiguration(Self.configuration)
        let worker = try await service.worker("W-1001", email: "ana@example.org", name: "Ana Lima")
        try await service.join(learnerID: worker.id, configurationID: Self.configuration.id)
        try await service.complete(learnerID: worker.id, moduleID: "electrical-safety")
        try await service.complete(learnerID: worker.id, moduleID: "live-demo")
        let programID = Self.configuration.programID
        let stored = try await fixture.store.read { try $0.currentCredential(learnerID: worker.id, programID: programID) }
        let credentialJSON = try #require(stored?.credentialJSON)

        let pdf = try await TrainingHistoryDocument(environment: environment).pdf(
            learnerID: worker.id, configurationID: Self.configuration.id)
        #expect(Array(pdf.prefix(5)) == Array("%PDF-".utf8))
        #expect(try PDFCredentialEmbedder.extractCredential(from: pdf) == Array(credentialJSON))

        let folder = try TemporaryDirectory()
        let text = try ExternalTool.run(["pdftotext", "-layout", try folder.write(pdf, to: "history.pdf"), "-"])
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput.contains("Training history — Site electricians"))
        #expect(text.standardOutput.contains("Electrical safety"))
        #expect(text.standardOutput.contains("Live-line demo"))
        #expect(text.standardOutput.contains("Ana Lima"))
    }
}
