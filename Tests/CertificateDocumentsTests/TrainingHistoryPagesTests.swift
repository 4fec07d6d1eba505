import CertificateDocuments
import Foundation
import IssuerCore
import PDFEmbedding
import TestSupport
import Testing

/// A long training history is printed whole: every completion, on as many pages as it takes, each
/// page numbered and with the table header, the credential embedded once.
@Suite struct TrainingHistoryPagesTests {
    static let names = (1...40).map { "Refresher module \(String(format: "%02d", $0))" }

    static let configuration = TrainingConfiguration(
        id: "site-crew", group: "Site crew",
        modules: names.enumerated().map { index, name in
            TrainingModule(id: "module-\(index + 1)", name: name, validity: index % 3 == 0 ? nil : "P1Y")
        },
        certificate: ComplianceCertificateSettings(enabled: true))

    @Test func aHistoryOfFortyCompletionsListsEveryModuleOverSeveralNumberedPages() async throws {
        let fixture = try await IssuerFixture()
        var environment = fixture.environment
        environment.documents = CertificateDocumentRenderer()
        let service = ComplianceService(environment: environment, actor: "test")
        let configuration = Self.configuration
        let names = Self.names
        try await service.saveConfiguration(configuration)
        let worker = try await service.worker("W-2002", email: "bo@example.org", name: "Bo Lindqvist")
        try await service.join(learnerID: worker.id, configurationID: configuration.id)
        for module in configuration.modules { try await service.complete(learnerID: worker.id, moduleID: module.id) }
        let stored = try await fixture.store.read { try $0.currentCredential(learnerID: worker.id, programID: configuration.programID) }
        let credentialJSON = Array(try #require(stored?.credentialJSON))

        let pdf = try await TrainingHistoryDocument(environment: environment).pdf(learnerID: worker.id, configurationID: configuration.id)

        let folder = try TemporaryDirectory()
        let path = try folder.write(pdf, to: "history.pdf")
        let info = try ExternalTool.run(["pdfinfo", path])
        #expect(info.status == 0, "\(info.standardError)")
        let pages = try #require(Self.pageCount(info.standardOutput))
        #expect(pages > 1)

        let text = try ExternalTool.run(["pdftotext", "-layout", path, "-"])
        #expect(text.status == 0, "\(text.standardError)")
        let printed = text.standardOutput
        for name in names { #expect(printed.contains(name), "\(name) is not printed") }
        #expect(!printed.contains("listed on the verification page"))
        // Every page is numbered and repeats the table header.
        let pageTexts = printed.split(separator: "\u{0C}", omittingEmptySubsequences: true).filter {
            !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        #expect(pageTexts.count == pages)
        for (index, page) in pageTexts.enumerated() {
            #expect(page.contains("Page \(index + 1) of \(pages)"), "page \(index + 1): \(page)")
            #expect(page.contains("TRAINING MODULE"), "page \(index + 1) has no table header")
        }
        // Each module exactly once.
        #expect(names.allSatisfy { name in printed.components(separatedBy: name).count == 2 })

        // The credential is embedded once, byte for byte; the QR code's link is on page 1.
        #expect(try PDFCredentialEmbedder.extractCredential(from: pdf) == credentialJSON)
        let attachments = try ExternalTool.run(["pdfdetach", "-list", path])
        #expect(attachments.standardOutput.hasPrefix("1 embedded files"), "\(attachments.standardOutput)")
        #expect(printed.contains("Passcode \(try #require(stored?.passcode))"))
    }

    @Test func aShortHistoryStaysOnePageWithoutPageNumbers() async throws {
        let fixture = try await IssuerFixture()
        var environment = fixture.environment
        environment.documents = CertificateDocumentRenderer()
        let service = ComplianceService(environment: environment, actor: "test")
        let configuration = TrainingHistoryDrawingTests.configuration
        try await service.saveConfiguration(configuration)
        let worker = try await service.worker("W-3003", email: "cy@example.org", name: "Cy Berg")
        try await service.join(learnerID: worker.id, configurationID: configuration.id)
        try await service.complete(learnerID: worker.id, moduleID: "electrical-safety")
        try await service.complete(learnerID: worker.id, moduleID: "live-demo")
        let pdf = try await TrainingHistoryDocument(environment: environment).pdf(learnerID: worker.id, configurationID: configuration.id)
        let folder = try TemporaryDirectory()
        let path = try folder.write(pdf, to: "history.pdf")
        let info = try ExternalTool.run(["pdfinfo", path])
        #expect(Self.pageCount(info.standardOutput) == 1, "\(info.standardOutput)")
        let text = try ExternalTool.run(["pdftotext", "-layout", path, "-"]).standardOutput
        #expect(!text.contains("Page 1 of"))
        #expect(text.contains("Electrical safety") && text.contains("Live-line demo"))
    }

    /// The `Pages:` figure of `pdfinfo`'s output.
    static func pageCount(_ pdfinfo: String) -> Int? {
        let line = pdfinfo.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        return line.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
    }
}
