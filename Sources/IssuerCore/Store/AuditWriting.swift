import Foundation

/// Appending to the audit log (nothing else: it only grows).
public protocol AuditWriting: AuditReading {
    /// Appends an audit entry; throws ``IssuerError`` `duplicate` if its sequence exists.
    func appendAuditEntry(_ entry: AuditEntry) throws
}
