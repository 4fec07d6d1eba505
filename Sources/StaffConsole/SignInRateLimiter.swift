import Foundation
import Synchronization

/// Counts sign-in requests per address and per client in a fixed window, so the sign-in form
/// cannot be used to flood someone's inbox or to probe for codes. Counts live in memory (one
/// `attest serve`); a restart forgets them, which at worst allows one more window.
final class SignInRateLimiter: Sendable {
    let perAddress: Int
    let perClient: Int
    let window: TimeInterval
    private let counts = Mutex<[String: (windowStart: Date, count: Int)]>([:])

    init(perAddress: Int, perClient: Int, window: TimeInterval) {
        self.perAddress = perAddress
        self.perClient = perClient
        self.window = window
    }

    /// Counts one request for `address` (lower-cased) from `client`; `false` when either is over its limit.
    func allow(address: String?, client: String, now: Date) -> Bool {
        counts.withLock { counts in
            if counts.count > 50_000 { counts = counts.filter { now.timeIntervalSince($0.value.windowStart) < window } }
            var keys = [("client:" + client, perClient)]
            if let address { keys.append(("address:" + address, perAddress)) }
            var allowed = true
            for (key, limit) in keys {
                var entry = counts[key] ?? (now, 0)
                if now.timeIntervalSince(entry.windowStart) >= window || now < entry.windowStart { entry = (now, 0) }
                entry.count += 1
                counts[key] = entry
                if entry.count > limit { allowed = false }
            }
            return allowed
        }
    }
}
