import CanonicalJSON
import Foundation

/// What a ``Verifier`` learnt about each status list credential it checked: whether its proof
/// verifies with a key of the credential's issuer, and the list decoded and validated. A folder
/// of certificates that share two lists then checks each list's signature once, not once per
/// certificate.
///
/// Entries are keyed by the list's exact JCS bytes, the issuer it was checked for and the moment
/// it was judged at, so a different list, issuer or moment is checked afresh.
///
/// - Warning: Copies of a verifier share its memo. Give one only to a verifier whose resolver,
///   suites and status sources do not change afterwards: the memo does not know them.
public final class StatusListMemo: @unchecked Sendable {
    struct Key: Hashable {
        let listBytes: [UInt8]
        let issuer: String?
        let now: Date
    }

    /// A list as checked: why its proof cannot be trusted (`nil` when it can), and the decoded list or the error decoding gave.
    struct Entry {
        let proofProblem: String?
        let list: Result<StatusListCredential, CredentialError>
    }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private let capacity: Int

    /// A memo of at most `capacity` lists (past that, lists are checked every time).
    public init(capacity: Int = 64) { self.capacity = capacity }

    func entry(_ key: Key) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }

    func store(_ entry: Entry, for key: Key) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count < capacity { entries[key] = entry }
    }

    /// How many lists are remembered (for tests).
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }
}
