import Foundation
import PDFEmbedding
import Synchronization
import ThreadPools

/// Reads credentials out of uploaded PDFs on a few dedicated threads, never on the shared Swift
/// concurrency pool: qpdf and zlib block, and a hostile PDF must not stall other requests.
///
/// At most ``threadCount`` extractions run and ``maximumWaiting`` wait; past that an upload is refused
/// at once (503, `Retry-After`). A request waits at most ``deadline`` for its answer; the extraction
/// itself is bounded by ``PDFExtractionLimits`` and keeps its slot until it ends, so timed-out work
/// cannot pile up.
final class PDFExtractionPool: Sendable {
    /// The pool every server of the process shares (2 threads, 8 waiting, 10 s).
    static let shared = PDFExtractionPool(threadCount: 2, maximumWaiting: 8, deadline: .seconds(10))

    /// Threads that run extractions.
    var threadCount: Int { threads.threadCount }
    /// Extractions that may wait for a thread; more are refused.
    var maximumWaiting: Int { threads.maximumWaiting ?? 0 }
    /// How long a request waits for its extraction before it is answered 503.
    let deadline: Duration
    /// What each extraction may read and inflate.
    let limits: PDFExtractionLimits

    private let threads: BoundedThreadPool

    /// The key under which each pool thread's `threadDictionary` holds its index (for tests and debugging).
    static let workerMarker = "attest.pdf-extraction-worker"

    init(threadCount: Int, maximumWaiting: Int, deadline: Duration, limits: PDFExtractionLimits = .standard) {
        self.deadline = deadline
        self.limits = limits
        threads = BoundedThreadPool(
            name: "pdf-extraction", threadCount: threadCount, maximumWaiting: max(0, maximumWaiting), workerMarker: Self.workerMarker)
    }

    /// The embedded credential's bytes, or why the PDF was refused; throws a 503 problem when the pool
    /// is full or the deadline passes.
    func extractCredential(from pdf: [UInt8]) async throws -> Result<[UInt8], PDFEmbeddingError> {
        let limits = limits
        return try await run {
            Result { () throws(PDFEmbeddingError) in try PDFCredentialEmbedder.extractCredential(from: pdf, limits: limits) }
        }
    }

    /// Runs blocking `work` on one of the pool's threads and waits at most ``deadline`` for it.
    func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async throws -> Value {
        let answer = OneAnswer<Value>()
        let accepted = threads.submit { answer.give(.success(work())) }
        guard accepted else {
            throw Problem(
                .serviceUnavailable, .pdfReaderBusy, "too many PDFs are being read right now; try again in a few seconds",
                retryAfter: 5)
        }
        let deadline = deadline
        let outcome = await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(for: deadline)
                if !Task.isCancelled { answer.give(.failure(TimedOut())) }
            }
            let outcome = await answer.value()
            group.cancelAll()
            return outcome
        }
        switch outcome {
        case .success(let value):
            return value
        case .failure:
            throw Problem(
                .serviceUnavailable, .pdfReadTimeout,
                "reading the PDF took longer than \(deadline.components.seconds) s; try again later", retryAfter: 10)
        }
    }

    private struct TimedOut: Error {}
}

/// A value given once, by whichever comes first; later gifts are ignored.
private final class OneAnswer<Value: Sendable>: Sendable {
    private struct State {
        var value: Result<Value, any Error>?
        var waiting: CheckedContinuation<Result<Value, any Error>, Never>?
    }
    private let state = Mutex(State())

    func give(_ value: Result<Value, any Error>) {
        let waiting = state.withLock { state -> CheckedContinuation<Result<Value, any Error>, Never>? in
            if state.value != nil { return nil }
            state.value = value
            defer { state.waiting = nil }
            return state.waiting
        }
        waiting?.resume(returning: value)
    }

    func value() async -> Result<Value, any Error> {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Result<Value, any Error>? in
                if let value = state.value { return value }
                state.waiting = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
