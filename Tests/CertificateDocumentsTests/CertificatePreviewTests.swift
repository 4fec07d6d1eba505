import CertificateDocuments
import Foundation
import IssuerCore
import Testing

/// Issuance makes the PDF only; the PNG preview is drawn on first request and stored.
@Suite struct CertificatePreviewTests {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    func issue(previewAtIssuance: Bool) async throws -> (IssuerEnvironment, CredentialRecord) {
        let fixture = try await IssuerFixture()
        var environment = fixture.environment
        environment.documents = CertificateDocumentRenderer(previewAtIssuance: previewAtIssuance)
        let pipeline = IssuancePipeline(environment: environment, actor: "test")
        guard case .issued(_, let credentialID) = try await pipeline.intake(IssuerFixture.event()) else {
            Issue.record("the completion was not issued")
            throw CancellationError()
        }
        return (environment, try await pipeline.finish(credentialID: credentialID))
    }

    @Test func issuanceStoresThePDFButNoPreview() async throws {
        let (_, record) = try await issue(previewAtIssuance: false)
        #expect(record.pdf != nil)
        #expect(record.png == nil)
        #expect(record.hasPreview)
    }

    @Test func firstRequestDrawsAndStoresThePreviewLaterOnesReadIt() async throws {
        let (environment, record) = try await issue(previewAtIssuance: false)
        let first = try #require(try await environment.certificatePreview(for: record))
        #expect(Array(first.prefix(8)) == Self.pngSignature)
        let stored = try await environment.store.read { try $0.credential(id: record.id) }
        #expect(stored?.png == Data(first))
        #expect(stored?.credentialJSON == record.credentialJSON)

        // Replace the stored preview: a later request must serve the stored bytes, not draw again.
        let marker = Self.pngSignature + [1, 2, 3]
        try await environment.store.write { transaction in
            var changed = try #require(try transaction.credential(id: record.id))
            changed.png = Data(marker)
            try transaction.updateCredential(changed)
        }
        let reread = try #require(try await environment.store.read { try $0.credential(id: record.id) })
        #expect(try await environment.certificatePreview(for: reread) == marker)
    }

    @Test func previewDrawnLaterEqualsTheOneDrawnAtIssuance() async throws {
        let (eagerEnvironment, eager) = try await issue(previewAtIssuance: true)
        let atIssuance = try #require(eager.png)
        #expect(try await eagerEnvironment.certificatePreview(for: eager) == Array(atIssuance))
        let (lazyEnvironment, lazy) = try await issue(previewAtIssuance: false)
        #expect(try await lazyEnvironment.certificatePreview(for: lazy) == Array(atIssuance))
    }

    @Test func withoutDocumentsThereIsNoPreview() async throws {
        let fixture = try await IssuerFixture()
        let pipeline = fixture.pipeline()
        guard case .issued(_, let credentialID) = try await pipeline.intake(IssuerFixture.event()) else {
            Issue.record("the completion was not issued")
            return
        }
        let record = try await pipeline.finish(credentialID: credentialID)
        #expect(!record.hasPreview)
        #expect(try await fixture.environment.certificatePreview(for: record) == nil)
    }
}
