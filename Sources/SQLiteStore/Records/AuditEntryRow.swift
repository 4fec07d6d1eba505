import Foundation
import GRDB
import IssuerCore

/// The `auditEntry` table: one row per ``AuditEntry``, keyed by its sequence. Triggers make the
/// table append-only and refuse a sequence that does not follow the last one.
struct AuditEntryRow: StoreRecord {
    static let databaseTableName = "auditEntry"

    var sequence: Int
    var at: Date
    var kind: String
    var actor: String
    var subject: String
    var data: String
    var previousHash: String
    var hash: String
    var keyID: String
    var signature: String

    init(_ entry: AuditEntry) {
        sequence = entry.sequence
        at = entry.at
        kind = entry.kind
        actor = entry.actor
        subject = entry.subject
        data = entry.data
        previousHash = entry.previousHash
        hash = entry.hash
        keyID = entry.keyID
        signature = entry.signature
    }

    /// The entry. (It went through a JSON encode and decode while `AuditEntry` had no public
    /// initializer: a quarter of the intake's time, since every audit entry reads the last one.)
    func entry() throws -> AuditEntry {
        AuditEntry(
            sequence: sequence, at: at, kind: kind, actor: actor, subject: subject, data: data, previousHash: previousHash, hash: hash,
            keyID: keyID, signature: signature)
    }
}
