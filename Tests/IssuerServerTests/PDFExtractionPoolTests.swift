import Foundation
import Synchronization
import Testing

@testable import IssuerServer

/// The threads that read uploaded PDFs: work runs off the concurrency pool, a full pool refuses at
/// once (503 pdfReaderBusy) and a request whose work does not finish by the deadline gets 503
/// pdfReadTimeout, so a PDF that takes long cannot hold `POST /verify` callers or pile up work.
@Suite struct PDFExtractionPoolTests {
    @Test func workRunsOnTheDedicatedThreads() async throws {
        let pool = PDFExtractionPool(threadCount: 1, maximumWaiting: 0, deadline: .seconds(60))
        let worker = try await pool.run { Thread.current.threadDictionary[PDFExtractionPool.workerMarker] as? Int }
        #expect(worker == 0)
    }

    @Test func aFullPoolRefusesAtOnceAndASlowJobTimesOut() async throws {
        let pool = PDFExtractionPool(threadCount: 1, maximumWaiting: 0, deadline: .milliseconds(200))
        let gate = Gate()
        // The one slot is held by work that waits for the gate; its caller gets the timeout.
        let held = await #expect(throws: Problem.self) { try await pool.run { gate.wait() } }
        #expect(held?.code == .pdfReadTimeout)
        #expect(held?.status == .serviceUnavailable && held?.retryAfter != nil)
        // The timed-out work still holds its slot, so the next request is refused, not queued.
        let refused = await #expect(throws: Problem.self) { try await pool.run { 1 } }
        #expect(refused?.code == .pdfReaderBusy)
        #expect(refused?.retryAfter == 5)
        gate.open()
        // Once the work ends its slot is free again (polled with a generous deadline).
        let until = Date().addingTimeInterval(60)
        var answer: Int?
        while answer == nil, Date() < until {
            answer = try? await pool.run { 7 }
            if answer == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(answer == 7)
    }

    @Test func realPDFsAreRead() async throws {
        let pool = PDFExtractionPool(threadCount: 1, maximumWaiting: 1, deadline: .seconds(60))
        let notAPDF = try await pool.extractCredential(from: Array("%PDF-1.7 nothing".utf8))
        #expect(throws: (any Error).self) { try notAPDF.get() }
    }
}

/// A latch a pool thread waits on until the test opens it.
private final class Gate: Sendable {
    private let isOpen = Mutex(false)

    func wait() {
        while !isOpen.withLock({ $0 }) { Thread.sleep(forTimeInterval: 0.01) }
    }

    func open() { isOpen.withLock { $0 = true } }
}
