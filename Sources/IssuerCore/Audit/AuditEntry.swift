import CanonicalJSON
import Ed25519
import Foundation
import VerifiableCredentials

/// One append-only audit entry, chained by hash to the entry before it and signed by the issuer.
///
/// `hash` = SHA-256 of the JCS form of the entry's content (everything but `hash`, `keyID` and
/// `signature`, with `previousHash` included), so changing, removing or reordering any earlier
/// entry breaks every later link; `signature` = Ed25519 over the 32 hash bytes.
public struct AuditEntry: Codable, Sendable, Hashable {
    /// 1, 2, 3, … without gaps.
    public var sequence: Int
    public var at: Date
    /// What happened: `completion.received`, `completion.decided`, `credential.issued`, `review.approved`, `key.rotated`, …
    public var kind: String
    /// Who did it: `cli`, `api:NAME`, `system`.
    public var actor: String
    /// The id of what it is about.
    public var subject: String
    /// Details, as canonical JSON text.
    public var data: String
    /// The hash of the entry before (64 zeros for the first).
    public var previousHash: String
    public var hash: String
    /// The signing key's id (`key-1`, …) at the time.
    public var keyID: String
    /// `z` + base58btc of the Ed25519 signature over the hash bytes.
    public var signature: String

    /// An entry from its stored fields (a store reading one back).
    public init(
        sequence: Int, at: Date, kind: String, actor: String, subject: String, data: String, previousHash: String, hash: String,
        keyID: String,
        signature: String
    ) {
        self.sequence = sequence
        self.at = at
        self.kind = kind
        self.actor = actor
        self.subject = subject
        self.data = data
        self.previousHash = previousHash
        self.hash = hash
        self.keyID = keyID
        self.signature = signature
    }

    /// The hash of the first entry's predecessor.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The content that is hashed.
    var hashedContent: JSONValue {
        [
            "sequence": .number(Double(sequence)), "at": .string(DateTimeStamp.format(at)), "kind": .string(kind), "actor": .string(actor),
            "subject": .string(subject), "data": .string(data), "previousHash": .string(previousHash),
        ]
    }

    /// The hash this entry's content should have.
    public var expectedHash: String {
        Hex.encode(SHA256.hash(hashedContent.canonicalBytes))
    }

    /// A new entry after `previous` (or the first), hashed and signed.
    public static func make(
        after previous: AuditEntry?, at: Date, kind: String, actor: String, subject: String, data: JSONValue,
        keyID: String, key: Ed25519PrivateKey
    ) throws -> AuditEntry {
        var entry = AuditEntry(
            sequence: (previous?.sequence ?? 0) + 1, at: at, kind: kind, actor: actor, subject: subject, data: data.canonicalString,
            previousHash: previous?.hash ?? genesisHash, hash: "", keyID: keyID, signature: "")
        entry.hash = entry.expectedHash
        entry.signature = Multibase.encode(try key.signature(for: Hex.decode(entry.hash) ?? []), base: .base58btc)
        return entry
    }
}
