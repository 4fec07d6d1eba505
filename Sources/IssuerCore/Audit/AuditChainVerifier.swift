import CanonicalJSON
import Ed25519
import VerifiableCredentials

/// Checks an audit trail: sequence without gaps, each link to the previous hash, each hash over
/// its content, each signature by the issuer key it names.
public struct AuditChainVerifier: Sendable {
    /// The issuer's public keys by id, current and retired.
    public let keys: [String: Ed25519PublicKey]

    /// A verifier for these keys.
    public init(keys: [String: Ed25519PublicKey]) {
        self.keys = keys
    }

    /// What the check found: how many entries are intact, and the first broken one with why.
    public struct Result: Sendable, Hashable {
        public let intactEntries: Int
        public let firstBroken: (sequence: Int, reason: String)?

        public static func == (lhs: Result, rhs: Result) -> Bool {
            lhs.intactEntries == rhs.intactEntries && lhs.firstBroken?.sequence == rhs.firstBroken?.sequence
                && lhs.firstBroken?.reason == rhs.firstBroken?.reason
        }
        public func hash(into hasher: inout Hasher) {
            hasher.combine(intactEntries)
            hasher.combine(firstBroken?.sequence)
        }
    }

    /// Checks entries in sequence order.
    public func verify(_ entries: [AuditEntry]) -> Result {
        var previousHash = AuditEntry.genesisHash
        for (offset, entry) in entries.enumerated() {
            let broken = { (reason: String) in Result(intactEntries: offset, firstBroken: (entry.sequence, reason)) }
            if entry.sequence != offset + 1 {
                return broken("expected entry \(offset + 1) here, found \(entry.sequence): an entry was removed or inserted")
            }
            if entry.previousHash != previousHash { return broken("its previousHash does not match the hash of entry \(offset)") }
            if entry.hash != entry.expectedHash {
                return broken("its content does not match its hash: it was changed after it was written")
            }
            guard let key = keys[entry.keyID] else { return broken("it is signed by \(entry.keyID), which is not an issuer key") }
            guard let signature = try? Multibase.decode(entry.signature, expected: .base58btc),
                key.isValidSignature(signature, for: Hex.decode(entry.hash) ?? [])
            else { return broken("its signature does not verify with \(entry.keyID)") }
            previousHash = entry.hash
        }
        return Result(intactEntries: entries.count, firstBroken: nil)
    }
}
