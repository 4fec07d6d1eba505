import Foundation
import ThreadPools

/// Runs libcurl transfers on a few dedicated threads, never on the shared Swift concurrency pool:
/// `curl_easy_perform` blocks for as long as the peer takes (up to its timeout), and a slow SMTP
/// server or webhook receiver must not hold a thread the rest of the process needs.
///
/// At most ``threadCount`` transfers run at once; at most ``maximumWaiting`` more wait for a
/// thread, and past that a transfer is refused at once with the transient `curlBusy` (the outbox
/// retries it). Each transfer is bounded by its own libcurl timeouts, so no deadline is added here.
final class CurlThreadPool: Sendable {
    /// The pool every mailer and webhook sender of the process shares (4 threads, 64 waiting).
    static let shared = CurlThreadPool(threadCount: 4, maximumWaiting: 64)

    /// The key under which each pool thread's `threadDictionary` holds its index (for tests and debugging).
    static let workerMarker = "attest.curl-worker"

    /// Threads that run transfers.
    var threadCount: Int { threads.threadCount }
    /// Transfers that may wait for a thread; more are refused.
    var maximumWaiting: Int { threads.maximumWaiting ?? 0 }

    private let threads: BoundedThreadPool

    init(threadCount: Int, maximumWaiting: Int) {
        threads = BoundedThreadPool(
            name: "curl", threadCount: threadCount, maximumWaiting: max(0, maximumWaiting), workerMarker: Self.workerMarker)
    }

    /// Runs blocking `work` on one of the pool's threads and returns what it returned or threw.
    /// The caller's task waits suspended (holding no thread); cancelling it does not cut the
    /// transfer short, so a send in flight always ends with its real outcome.
    func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        do {
            return try await threads.run { Result { try work() } }.get()
        } catch is BoundedThreadPool.Full {
            throw DeliveryError(.curlBusy, "too many transfers are waiting for a connection thread", isTransient: true)
        }
    }
}
