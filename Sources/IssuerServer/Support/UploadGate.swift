import Synchronization

/// At most `maximum` uploads are read and checked at once, each for at most `timeout`: past the
/// count, new ones are refused with 503 and `Retry-After` at once; past the time (a client that
/// trickles or stalls its body), 408. So uploads cannot take every worker from other requests,
/// nor hold every upload slot forever.
final class UploadGate: Sendable {
    private let active = Mutex(0)
    /// Uploads in progress at most.
    let maximum: Int
    /// How long one upload may take, body and checks together.
    let timeout: Duration

    /// A gate letting `maximum` (at least 1) uploads through at once, each for at most `timeout`.
    init(maximum: Int, timeout: Duration = .seconds(120)) {
        self.maximum = max(1, maximum)
        self.timeout = timeout
    }

    /// Runs `work` in a slot, or throws a 503 problem when every slot is taken, or a 408 problem
    /// when `work` runs past the timeout (it is cancelled).
    func admit<Result: Sendable>(_ work: @escaping @Sendable () async throws -> Result) async throws -> Result {
        let entered = active.withLock { count in
            guard count < maximum else { return false }
            count += 1
            return true
        }
        guard entered else {
            throw Problem(
                .serviceUnavailable, .tooManyUploads, "too many certificates are being checked right now; try again shortly",
                retryAfter: 5)
        }
        defer { active.withLock { $0 -= 1 } }
        let timeout = timeout
        return try await withThrowingTaskGroup(of: Result.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw Problem(.requestTimeout, .uploadTimeout, "the upload took longer than \(timeout.components.seconds) seconds")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }
}
