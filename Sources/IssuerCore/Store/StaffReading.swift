import Foundation

/// Staff accounts, their sign-in links and sessions, console settings, and the audit chain as
/// the console's Audit page searches it.
public protocol StaffReading {
    /// The member with this id.
    func staffMember(id: String) throws -> StaffMember?
    /// The member with this address (compared lower-cased).
    func staffMember(email: String) throws -> StaffMember?
    /// Every member, by address.
    func staffMembers() throws -> [StaffMember]
    /// The sign-in link whose token hashes to `tokenHash`.
    func staffSignInLink(tokenHash: String) throws -> StaffSignInLink?
    /// The session whose id hashes to `idHash`.
    func staffSession(idHash: String) throws -> StaffSessionRecord?
    /// The console settings (defaults when never saved).
    func staffSettings() throws -> StaffSettings
    /// At most `limit` audit entries matching `filter` with a sequence below `beforeSequence`
    /// (every one when `nil`), newest first.
    func auditEntries(matching filter: AuditFilter, beforeSequence: Int?, limit: Int) throws -> [AuditEntry]
}

/// Changing staff accounts, links, sessions and settings.
public protocol StaffWriting: StaffReading {
    /// Inserts or replaces a member (by id); throws `IssuerError(.duplicate)` when another member has the address.
    func saveStaffMember(_ member: StaffMember) throws
    /// Inserts or replaces a sign-in link (by token hash).
    func saveStaffSignInLink(_ link: StaffSignInLink) throws
    /// Inserts or replaces a session (by id hash).
    func saveStaffSession(_ session: StaffSessionRecord) throws
    /// Ends every open session of `staffID` at `date`; returns how many were open.
    @discardableResult
    func endStaffSessions(staffID: String, at date: Date) throws -> Int
    /// Deletes links and sessions that ended or expired before `date` (housekeeping).
    func deleteStaleStaffRecords(before date: Date) throws
    /// Saves the console settings.
    func saveStaffSettings(_ settings: StaffSettings) throws
}
