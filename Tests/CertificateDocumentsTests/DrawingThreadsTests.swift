import CanonicalJSON
import CertificateDocuments
import Foundation
import IssuerCore
import Testing
import ThreadPools

/// The drawing maker draws on its own bounded threads, never on the shared concurrency pool, and
/// issuance keeps its exactly-once guarantee when those threads are busy.
@Suite struct DrawingThreadsTests {
    @Test func busyDrawingThreadsRefuseIssuanceWithoutWritingAndTheCredentialIsFinishedOnceWhenFree() async throws {
        let threads = BoundedThreadPool(name: "test-drawing", threadCount: 1, maximumWaiting: 0, workerMarker: "test-drawing")
        let gate = DispatchSemaphore(value: 0)
        #expect(threads.submit { gate.wait() })

        let fixture = try await IssuerFixture()
        var environment = fixture.environment
        environment.documents = CertificateDocumentRenderer(drawingThreads: threads)
        let pipeline = IssuancePipeline(environment: environment, actor: "test")
        let id = try await Self.issuedID(pipeline)

        // The one thread is taken and nothing may wait: the drawing is refused, nothing is stored.
        let error = await #expect(throws: IssuerError.self) { try await pipeline.finish(credentialID: id) }
        #expect(error?.code == .documentsUnavailable)
        let pending = try #require(try await fixture.store.read { try $0.credential(id: id) })
        #expect(pending.state == .pending && pending.credentialJSON == nil && pending.pdf == nil)
        #expect(try await Self.outbox(of: id, in: fixture.store).isEmpty)

        gate.signal()
        // The blocker gives its slot back just after it returns: poll with a generous deadline.
        let deadline = Date().addingTimeInterval(120)
        var finished: CredentialRecord?
        while finished == nil, Date() < deadline {
            do {
                finished = try await pipeline.finish(credentialID: id)
            } catch let error as IssuerError where error.code == .documentsUnavailable {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        let record = try #require(finished)
        #expect(record.state == .active)
        #expect(record.pdf.map { Array($0.prefix(5)) } == Array("%PDF-".utf8))
        // Finishing again changes nothing: still one credential, one email and one webhook queued.
        _ = try await pipeline.finish(credentialID: id)
        #expect(try await Self.outbox(of: id, in: fixture.store).count == 2)
    }

    @Test func documentsDrawnOnTheThreadsEqualThoseDrawnDirectly() async throws {
        let fixture = try await IssuerFixture()
        var environment = fixture.environment
        let renderer = CertificateDocumentRenderer()
        environment.documents = renderer
        let pipeline = IssuancePipeline(environment: environment, actor: "test")
        let id = try await Self.issuedID(pipeline)
        let record = try await pipeline.finish(credentialID: id)
        let view = try #require(try SignedCredentialView(record: record))
        let signed = try JSONValue.parse(bytes: Array(try #require(record.credentialJSON)))
        let direct = try renderer.drawDocuments(
            signedCredential: signed, credentialBytes: Array(try #require(record.credentialJSON)), program: IssuerFixture.program,
            passcode: view.passcode)
        #expect(record.pdf == Data(direct.pdf))
        let preview = try await renderer.preview(signedCredential: signed, program: IssuerFixture.program, passcode: view.passcode)
        #expect(preview == (try renderer.drawPreview(signedCredential: signed, program: IssuerFixture.program, passcode: view.passcode)))
    }

    static func issuedID(_ pipeline: IssuancePipeline) async throws -> String {
        guard case .issued(_, let id) = try await pipeline.intake(IssuerFixture.event()) else {
            Issue.record("the completion was not issued")
            throw CancellationError()
        }
        return id
    }

    static func outbox(of credentialID: String, in store: InMemoryIssuerStore) async throws -> [OutboxMessage] {
        try await store.read { try $0.outboxMessages(state: nil) }.filter { $0.subjectID == credentialID }
    }
}
