import Synchronization

/// At most `maximum` uploads are read and checked at once; past that, new ones are refused with
/// 503 and `Retry-After` at once, so uploads cannot take every worker from other requests.
final class UploadGate: Sendable {
    private let active = Mutex(0)
    /// Uploads in progress at most.
    let maximum: Int

    /// A gate letting `maximum` (at least 1) uploads through at once.
    init(maximum: Int) { self.maximum = max(1, maximum) }

    /// Runs `work` in a slot, or throws a 503 problem when every slot is taken.
    func admit<Result: Sendable>(_ work: () async throws -> Result) async throws -> Result {
        let entered = active.withLock { count in
            guard count < maximum else { return false }
            count += 1
            return true
        }
        guard entered else {
            throw Problem(
                .serviceUnavailable, "tooManyUploads", "too many certificates are being checked right now; try again shortly",
                retryAfter: 5)
        }
        defer { active.withLock { $0 -= 1 } }
        return try await work()
    }
}
