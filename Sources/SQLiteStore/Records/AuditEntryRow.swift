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

    /// The entry. `AuditEntry` has no public memberwise initializer, so the row goes through its
    /// `Codable` form: the two types have the same properties, and JSON's default date form (a
    /// Double) carries a `Date` exactly.
    func entry() throws -> AuditEntry {
        try JSONDecoder().decode(AuditEntry.self, from: JSONEncoder().encode(self))
    }
}
