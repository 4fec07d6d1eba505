import Synchronization

/// Finishes credentials while the intake that issues them still runs: the intake hands each batch's
/// issued credentials to ``submit(_:)``, and ``run(onFinished:)`` finishes them `parallelism` at a
/// time, in the order they came, until ``close()``.
///
/// Nothing about crash safety changes: ``IssuancePipeline/finish(credentialID:)`` is safe to repeat
/// and writes only a credential that is still pending, so a credential submitted but not finished
/// when the process dies stays pending and ``IssuancePipeline/finishPending(parallelism:progress:)``
/// finishes it on the next run.
public final class CredentialFinisher: Sendable {
    private struct State {
        var waiting: [String] = []
        var nextWaiting = 0
        var idleWorkers: [CheckedContinuation<String?, Never>] = []
        var closed = false
    }

    /// Credentials in flight by default: one drawing under the process's drawing lock, one embedding
    /// (qpdf) and two signing and storing, so the lock is never idle waiting for the store.
    public static let defaultParallelism = 4

    private let pipeline: IssuancePipeline
    private let parallelism: Int
    private let state = Mutex(State())

    /// A finisher for `pipeline` with `parallelism` credentials in flight (at least one).
    public init(pipeline: IssuancePipeline, parallelism: Int) {
        self.pipeline = pipeline
        self.parallelism = max(1, parallelism)
    }

    /// Queues credentials to finish; ids that are not pending by then are left as they are.
    public func submit(_ credentialIDs: some Sequence<String>) {
        for id in credentialIDs {
            let worker = state.withLock { state -> CheckedContinuation<String?, Never>? in
                guard !state.closed else { return nil }
                if !state.idleWorkers.isEmpty { return state.idleWorkers.removeFirst() }
                state.waiting.append(id)
                return nil
            }
            worker?.resume(returning: id)
        }
    }

    /// No more credentials will come: ``run(onFinished:)`` returns once the queued ones are finished.
    /// Safe to call more than once, and from a `defer`.
    public func close() { close(discardingQueued: false) }

    private func close(discardingQueued: Bool) {
        let workers = state.withLock { state -> [CheckedContinuation<String?, Never>] in
            state.closed = true
            if discardingQueued {
                state.waiting = []
                state.nextWaiting = 0
            }
            defer { state.idleWorkers = [] }
            return state.idleWorkers
        }
        for worker in workers { worker.resume(returning: nil) }
    }

    /// Finishes what is submitted until ``close()``; returns how many credentials it finished.
    /// `onFinished` is called with each id once its credential is stored. The first error stops
    /// the run (the other credentials stay pending for `finishPending`).
    @discardableResult
    public func run(onFinished: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<parallelism {
                group.addTask {
                    var finished = 0
                    while let id = await self.next() {
                        try await self.pipeline.finish(credentialID: id)
                        onFinished(id)
                        finished += 1
                    }
                    return finished
                }
            }
            do {
                var total = 0
                for try await finished in group { total += finished }
                return total
            } catch {
                // One worker failed: stop the others at their next credential instead of waiting for close().
                close(discardingQueued: true)
                throw error
            }
        }
    }

    /// The next credential to finish, waiting for one; nil once closed and drained.
    private func next() async -> String? {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> String?? in
                if state.nextWaiting < state.waiting.count {
                    defer {
                        state.nextWaiting += 1
                        // Drop what was taken now and then, so a long intake does not keep every id.
                        if state.nextWaiting >= 1_024 {
                            state.waiting.removeFirst(state.nextWaiting)
                            state.nextWaiting = 0
                        }
                    }
                    return .some(state.waiting[state.nextWaiting])
                }
                if state.closed { return .some(nil) }
                state.idleWorkers.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
