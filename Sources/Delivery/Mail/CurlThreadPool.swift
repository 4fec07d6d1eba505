import Foundation
import Synchronization

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
    let threadCount: Int
    /// Transfers that may wait for a thread; more are refused.
    let maximumWaiting: Int

    private let queue: CurlJobQueue

    init(threadCount: Int, maximumWaiting: Int) {
        self.threadCount = max(1, threadCount)
        self.maximumWaiting = max(0, maximumWaiting)
        queue = CurlJobQueue(capacity: self.threadCount + self.maximumWaiting)
        for index in 0..<self.threadCount {
            let thread = Thread { [queue] in
                Thread.current.threadDictionary[Self.workerMarker] = index
                queue.work()
            }
            thread.name = "curl-\(index)"
            thread.start()
        }
    }

    /// Runs blocking `work` on one of the pool's threads and returns what it returned or threw.
    /// The caller's task waits suspended (holding no thread); cancelling it does not cut the
    /// transfer short, so a send in flight always ends with its real outcome.
    func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        let result: Result<Value, any Error> = await withCheckedContinuation { continuation in
            let accepted = queue.submit {
                continuation.resume(returning: Result { try work() })
            }
            if !accepted {
                continuation.resume(
                    returning: .failure(
                        DeliveryError(.curlBusy, "too many transfers are waiting for a connection thread", isTransient: true)))
            }
        }
        return try result.get()
    }
}

/// Jobs waiting for a thread, at most `capacity` of them queued or running.
private final class CurlJobQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var admitted = 0
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Queues `job` unless `capacity` jobs are already queued or running.
    func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard admitted < capacity else { return false }
        admitted += 1
        jobs.append(job)
        condition.signal()
        return true
    }

    /// A worker thread's loop: run jobs as they come, for the life of the process.
    func work() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
            condition.lock()
            admitted -= 1
            condition.unlock()
        }
    }
}
