import Foundation

/// A token bucket per client address for the public lookups (`/verify`), so nobody can walk the
/// passcode space or load the server with uploads. Time comes from the issuer's clock.
actor LookupRateLimiter {
    private struct Bucket {
        var tokens: Double
        var updatedAt: Date
    }

    private let capacity: Double
    private let refillPerSecond: Double
    private var buckets: [String: Bucket] = [:]
    /// Past this many clients, full buckets are dropped (they carry no state worth keeping).
    private let maximumClients = 10_000

    /// `perMinute` lookups per client, in bursts of at most that many.
    init(perMinute: Int) {
        capacity = Double(max(perMinute, 1))
        refillPerSecond = Double(max(perMinute, 1)) / 60
    }

    /// Takes one token for `client`; returns the seconds to wait when there is none.
    func take(client: String, now: Date) -> Int? {
        var bucket = buckets[client] ?? Bucket(tokens: capacity, updatedAt: now)
        bucket.tokens = min(capacity, bucket.tokens + max(0, now.timeIntervalSince(bucket.updatedAt)) * refillPerSecond)
        bucket.updatedAt = now
        guard bucket.tokens >= 1 else {
            buckets[client] = bucket
            return Int(((1 - bucket.tokens) / refillPerSecond).rounded(.up))
        }
        bucket.tokens -= 1
        buckets[client] = bucket
        if buckets.count > maximumClients { prune(now: now) }
        return nil
    }

    private func prune(now: Date) {
        buckets = buckets.filter { capacity - ($0.value.tokens + now.timeIntervalSince($0.value.updatedAt) * refillPerSecond) > 0 }
    }
}
