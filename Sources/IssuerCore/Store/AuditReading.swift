import Foundation

/// The signed, hash-chained audit log.
public protocol AuditReading {
    /// The newest entry, `nil` for an empty log.
    func lastAuditEntry() throws -> AuditEntry?
    /// At most `limit` entries from sequence number `sequence` on, in order.
    func auditEntries(from sequence: Int, limit: Int) throws -> [AuditEntry]
}
