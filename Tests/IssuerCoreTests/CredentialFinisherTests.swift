import Foundation
import IssuerCore
import Synchronization
import Testing

/// Finishing while the intake runs (issue 22): every submitted credential is finished once, the
/// same as `finishPending` would finish it, and nothing waits forever when the intake stops.
@Suite("CredentialFinisher: finishing beside the intake")
struct CredentialFinisherTests {
    @Test(
        "credentials submitted batch by batch while the finisher runs are each finished once, with one issuance entry and two messages each"
    )
    func finishesWhatIsSubmittedDuringIntake() async throws {
        let fixture = try await IssuerFixture()
        let pipeline = fixture.pipeline()
        let finisher = CredentialFinisher(pipeline: pipeline, parallelism: 3)
        let reported = Mutex<[String]>([])
        async let finishedCount = finisher.run { id in reported.withLock { $0.append(id) } }
        var issued: [String] = []
        for batch in 0..<4 {
            let events = (0..<5).map { IssuerFixture.event(id: "e\(batch)-\($0)", learner: "u\(batch)-\($0)") }
            let ids = try await pipeline.intake(batch: events).map { try #require(try $0.get().issuedCredentialID) }
            finisher.submit(ids)
            issued += ids
        }
        let submitted = issued + issued.prefix(2)
        // Submitted twice: the second finish finds it active and leaves it alone.
        finisher.submit(issued.prefix(2))
        finisher.close()
        #expect(try await finishedCount == issued.count + 2)
        #expect(reported.withLock { $0 }.sorted() == submitted.sorted())
        #expect(try await pipeline.finishPending() == 0, "nothing may be left pending")
        let finished = issued
        let records = try await fixture.store.read { reading in try finished.map { try reading.credential(id: $0)! } }
        #expect(records.allSatisfy { $0.state == .active && $0.credentialJSON != nil })
        let entries = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 10_000) }
        #expect(entries.filter { $0.kind == "credential.issued" }.count == issued.count)
        let messages = try await fixture.store.read { try $0.outboxMessages(state: .pending) }
        #expect(messages.count == issued.count * 2, "one email and one webhook per credential, none doubled")
    }

    @Test("close() with nothing submitted ends the run at once; submissions after close() are ignored")
    func closeEndsAnIdleRun() async throws {
        let fixture = try await IssuerFixture()
        let finisher = CredentialFinisher(pipeline: fixture.pipeline(), parallelism: 4)
        async let finishedCount = finisher.run()
        finisher.close()
        finisher.submit(["cred-that-does-not-exist"])
        #expect(try await finishedCount == 0)
    }

    @Test("a credential that cannot be finished stops the run with its error instead of hanging")
    func anErrorStopsTheRun() async throws {
        let fixture = try await IssuerFixture()
        let finisher = CredentialFinisher(pipeline: fixture.pipeline(), parallelism: 2)
        async let finishedCount = finisher.run()
        finisher.submit(["cred-that-does-not-exist"])
        // Not closed: the failing worker must stop the idle one.
        do {
            let count = try await finishedCount
            Issue.record("the run ended without an error after finishing \(count)")
        } catch {
            #expect((error as? IssuerError)?.code == .notFound, "\(error)")
        }
    }
}
