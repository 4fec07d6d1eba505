import Foundation

/// A few dedicated threads that run blocking work (a libcurl transfer, qpdf, Cairo drawing) off
/// the shared Swift concurrency pool, whose threads the rest of the process needs.
///
/// At most ``threadCount`` jobs run at once; at most ``maximumWaiting`` more wait for a thread
/// (`nil`: any number, for callers that are bounded themselves), and past that a job is refused at
/// once. The caller of ``run(_:)`` waits suspended, holding no thread. The threads live as long as
/// the process; make one pool per kind of work and share it.
public final class BoundedThreadPool: Sendable {
    /// A job refused because ``threadCount`` jobs run and ``maximumWaiting`` wait already.
    public struct Full: Error, Sendable {}

    /// Threads that run jobs.
    public let threadCount: Int
    /// Jobs that may wait for a thread; more are refused. `nil`: no limit.
    public let maximumWaiting: Int?

    private let queue: JobQueue

    /// Starts `threadCount` threads named `name-0`, `name-1`, …; each thread's `threadDictionary`
    /// holds its index under `workerMarker` (for tests and debugging).
    public init(name: String, threadCount: Int, maximumWaiting: Int?, workerMarker: String) {
        let threadCount = max(1, threadCount)
        let maximumWaiting = maximumWaiting.map { max(0, $0) }
        self.threadCount = threadCount
        self.maximumWaiting = maximumWaiting
        queue = JobQueue(capacity: maximumWaiting.map { threadCount + $0 })
        for index in 0..<threadCount {
            let thread = Thread { [queue] in
                Thread.current.threadDictionary[workerMarker] = index
                queue.work()
            }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Queues `job` for a thread; `false` (and `job` never runs) when the pool is full.
    public func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
        queue.submit(job)
    }

    /// Runs blocking `work` on one of the pool's threads and returns what it returned. The caller's
    /// task waits suspended; cancelling it does not cut the work short, so work that changes
    /// something always ends with its real outcome.
    /// - Throws: ``Full`` when the pool is full; then `work` never runs.
    public func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async throws(Full) -> Value {
        let result: Value? = await withCheckedContinuation { continuation in
            let accepted = queue.submit { continuation.resume(returning: work()) }
            if !accepted { continuation.resume(returning: nil) }
        }
        guard let result else { throw Full() }
        return result
    }
}

/// Jobs waiting for a thread, at most `capacity` of them queued or running.
private final class JobQueue: @unchecked Sendable {
    // @unchecked: every stored property is touched only under `condition`'s lock.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var admitted = 0
    private let capacity: Int?

    init(capacity: Int?) { self.capacity = capacity }

    /// Queues `job` unless `capacity` jobs are already queued or running.
    func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if let capacity, admitted >= capacity { return false }
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
