import CanonicalJSON
import Ed25519
import Foundation
import IssuerCore
import Synchronization

/// The verification page's signature checks, remembered per signed credential and key set.
///
/// Checking an eddsa-rdfc-2022 proof (JSON-LD expansion, RDF canonicalization, Ed25519) costs a few
/// milliseconds of CPU, and the page did it on every request: at 50 concurrent connections on two
/// cores that alone put p99 near 100 ms. The outcome depends only on the credential's bytes and the
/// issuer's keys (both part of the cache key), so it is kept for `lifetime` seconds; the live state
/// (revoked, suspended, expired) is still read from the store on every request.
final class SignatureCheckCache: Sendable {
    struct Key: Hashable, Sendable {
        let credentialDigest: [UInt8]
        let keys: [String]
    }

    private struct Entry: Sendable {
        let passed: Bool
        let message: String
        let checkedAt: Date
    }

    /// How long a check is reused; a proof's own dates are judged again after it.
    let lifetime: TimeInterval
    /// Entries kept at most; when full, the cache starts again (a page costs one check more).
    let capacity: Int
    private let entries = Mutex<[Key: Entry]>([:])

    init(lifetime: TimeInterval = 300, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func result(for key: Key, now: Date) -> (passed: Bool, message: String)? {
        entries.withLock { entries in
            guard let entry = entries[key], now.timeIntervalSince(entry.checkedAt) < lifetime, entry.checkedAt <= now else { return nil }
            return (entry.passed, entry.message)
        }
    }

    func remember(_ result: (passed: Bool, message: String), for key: Key, now: Date) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(passed: result.passed, message: result.message, checkedAt: now)
        }
    }
}

extension IssuerServer {
    /// `checkSignature(of:at:)` for a stored credential, answered from `signatureChecks` when the same bytes
    /// were checked against the same keys (the issuer's keys as the caller just read them) within its lifetime.
    func cachedSignatureCheck(of credential: JSONValue, bytes: Data, keys: [SigningKeyRecord], at now: Date) async throws
        -> (passed: Bool, message: String)
    {
        let key = SignatureCheckCache.Key(
            credentialDigest: SHA256.hash(Array(bytes)), keys: keys.map { "\($0.id) \($0.publicKeyMultibase)" }.sorted())
        if let known = signatureChecks.result(for: key, now: now) { return known }
        let result = try await checkSignature(of: credential, at: now)
        signatureChecks.remember(result, for: key, now: now)
        return result
    }
}
