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
        /// What the page shows from the signed credential (with its LinkedIn link), when kept:
        /// like the check, it depends only on the bytes, and parsing them and building the link
        /// were a tenth of a page's CPU.
        let content: VerificationPage?
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
        entry(for: key, now: now).map { ($0.passed, $0.message) }
    }

    /// The check and, if kept with it, the page content of the signed credential.
    func resultAndContent(for key: Key, now: Date) -> (result: (passed: Bool, message: String), content: VerificationPage?)? {
        entry(for: key, now: now).map { (($0.passed, $0.message), $0.content) }
    }

    private func entry(for key: Key, now: Date) -> Entry? {
        entries.withLock { entries in
            guard let entry = entries[key], now.timeIntervalSince(entry.checkedAt) < lifetime, entry.checkedAt <= now else { return nil }
            return entry
        }
    }

    func remember(_ result: (passed: Bool, message: String), content: VerificationPage? = nil, for key: Key, now: Date) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(passed: result.passed, message: result.message, checkedAt: now, content: content)
        }
    }
}

extension IssuerServer {
    /// `checkSignature(of:at:)` for a stored credential, and what its page shows from the signed
    /// credential (``page(view:issuer:id:)`` with the LinkedIn link filled in), both answered
    /// from `signatureChecks` when the same bytes were checked against the same keys (the issuer's
    /// keys as the caller just read them) within its lifetime.
    func cachedSignatureCheck(bytes: Data, keys: [SigningKeyRecord], id: String, at now: Date) async throws
        -> (signature: (passed: Bool, message: String), content: VerificationPage)
    {
        let key = SignatureCheckCache.Key(
            credentialDigest: SHA256.hash(Array(bytes)),
            // A key marked compromised changes the answer for what it signed.
            keys: keys.map { "\($0.id) \($0.publicKeyMultibase) \($0.compromisedSince.map { "\($0.timeIntervalSince1970)" } ?? "-")" }
                .sorted())
        let known = signatureChecks.resultAndContent(for: key, now: now)
        if let known, let content = known.content, content.credentialID == id { return (known.result, content) }
        let credential = try JSONValue.parse(bytes: Array(bytes))
        let view = SignedCredentialView(signedCredential: credential)
        var content = Self.page(view: view, issuer: issuer, id: id)
        content.linkedInURL = Self.linkedInURL(view: view, page: content)
        let result: (passed: Bool, message: String)
        if let known { result = known.result } else { result = try await checkSignature(of: credential, at: now) }
        signatureChecks.remember(result, content: content, for: key, now: now)
        return (result, content)
    }
}
