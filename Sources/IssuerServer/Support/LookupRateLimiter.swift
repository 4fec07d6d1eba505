import Foundation
import IssuerCore

/// Token buckets for the public lookups (`/verify`, `/credentials/verify`, `/learner/login`,
/// misses on `/c/{id}`): one per client address, so nobody can walk the passcode or id space or
/// load the server with uploads, and one for everybody together, so many addresses cannot
/// multiply the allowance. Time comes from the issuer's clock.
///
/// IPv6 clients share a bucket per /64, the block one subscriber usually gets.
actor LookupRateLimiter {
    private struct Bucket {
        var tokens: Double
        var updatedAt: Date
    }

    private let capacity: Double
    private let refillPerSecond: Double
    private let globalCapacity: Double
    private let globalRefillPerSecond: Double
    private var buckets: [String: Bucket] = [:]
    private var global: Bucket?
    /// Past this many clients, full buckets are dropped (they carry no state worth keeping).
    private let maximumClients = 10_000

    /// `perMinute` lookups per client and `globalPerMinute` for all clients together, each in
    /// bursts of at most that many.
    init(perMinute: Int, globalPerMinute: Int = .max) {
        capacity = Double(max(perMinute, 1))
        refillPerSecond = capacity / 60
        globalCapacity = Double(max(globalPerMinute, 1))
        globalRefillPerSecond = globalCapacity / 60
    }

    /// Takes one token for `client` and one from the global bucket; returns the seconds to wait
    /// when either is empty (then neither is charged).
    func take(client: String, now: Date) -> Int? {
        let key = Self.bucketKey(client)
        var bucket = refilled(buckets[key], now: now)
        var everybody = refilledGlobal(now: now)
        guard bucket.tokens >= 1 else {
            buckets[key] = bucket
            return Int(((1 - bucket.tokens) / refillPerSecond).rounded(.up))
        }
        guard everybody.tokens >= 1 else {
            global = everybody
            return Int(((1 - everybody.tokens) / globalRefillPerSecond).rounded(.up))
        }
        bucket.tokens -= 1
        everybody.tokens -= 1
        buckets[key] = bucket
        global = everybody
        if buckets.count > maximumClients { prune(now: now) }
        return nil
    }

    /// Whether `client` may look something up whose failure costs a token (``charge(client:now:)``):
    /// refused when its own bucket is empty, or when the global bucket is empty and the client has
    /// failed recently (its bucket is not full). The answer does not depend on what is looked up,
    /// so a refused client learns nothing. Returns the seconds to wait, or nil.
    func admit(client: String, now: Date) -> Int? {
        let bucket = refilled(buckets[Self.bucketKey(client)], now: now)
        if bucket.tokens < 1 { return Int(((1 - bucket.tokens) / refillPerSecond).rounded(.up)) }
        let everybody = refilledGlobal(now: now)
        if everybody.tokens < 1 && bucket.tokens < capacity {
            return Int(((1 - everybody.tokens) / globalRefillPerSecond).rounded(.up))
        }
        return nil
    }

    /// Charges one failure to `client` and to the global bucket.
    func charge(client: String, now: Date) {
        let key = Self.bucketKey(client)
        var bucket = refilled(buckets[key], now: now)
        var everybody = refilledGlobal(now: now)
        bucket.tokens = max(0, bucket.tokens - 1)
        everybody.tokens = max(0, everybody.tokens - 1)
        buckets[key] = bucket
        global = everybody
        if buckets.count > maximumClients { prune(now: now) }
    }

    /// The bucket of an address: itself for IPv4 (and anything unparsable), its /64 for IPv6.
    static func bucketKey(_ client: String) -> String {
        guard let address = IPAddress(client) else { return client }
        guard !address.isIPv4 else { return address.description }
        return IPAddressRange.masked(address, prefixLength: 64).description + "/64"
    }

    private func refilled(_ bucket: Bucket?, now: Date) -> Bucket {
        guard var bucket else { return Bucket(tokens: capacity, updatedAt: now) }
        bucket.tokens = min(capacity, bucket.tokens + max(0, now.timeIntervalSince(bucket.updatedAt)) * refillPerSecond)
        bucket.updatedAt = now
        return bucket
    }

    private func refilledGlobal(now: Date) -> Bucket {
        guard var bucket = global else { return Bucket(tokens: globalCapacity, updatedAt: now) }
        bucket.tokens = min(globalCapacity, bucket.tokens + max(0, now.timeIntervalSince(bucket.updatedAt)) * globalRefillPerSecond)
        bucket.updatedAt = now
        return bucket
    }

    private func prune(now: Date) {
        buckets = buckets.filter { capacity - ($0.value.tokens + now.timeIntervalSince($0.value.updatedAt) * refillPerSecond) > 0 }
    }
}
