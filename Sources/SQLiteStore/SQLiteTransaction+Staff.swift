import Foundation
import GRDB
import IssuerCore

extension SQLiteTransaction: StaffWriting {
    func staffMember(id: String) throws -> StaffMember? {
        try StaffMemberRow.fetchOne(db, key: id)?.member()
    }

    func staffMember(email: String) throws -> StaffMember? {
        try StaffMemberRow.filter(Column("email") == email.lowercased()).fetchOne(db)?.member()
    }

    func staffMembers() throws -> [StaffMember] {
        try StaffMemberRow.order(Column("email")).fetchAll(db).map { try $0.member() }
    }

    func staffSignInLink(tokenHash: String) throws -> StaffSignInLink? {
        try StaffSignInLinkRow.fetchOne(db, key: tokenHash)?.link
    }

    func staffSession(idHash: String) throws -> StaffSessionRecord? {
        try StaffSessionRow.fetchOne(db.cachedStatement(sql: "SELECT \(StaffSessionRow.columnList) FROM staffSession WHERE idHash = ?"), arguments: [idHash])?.session
    }

    func staffSettings() throws -> StaffSettings {
        let required = try Bool.fetchOne(db, sql: "SELECT requireSecondFactor FROM staffSettings WHERE id = 1")
        return StaffSettings(requireSecondFactor: required ?? false)
    }

    func auditEntries(matching filter: AuditFilter, beforeSequence: Int?, limit: Int) throws -> [AuditEntry] {
        var request = AuditEntryRow.all()
        if let beforeSequence { request = request.filter(Column("sequence") < beforeSequence) }
        for (column, pattern) in [("actor", filter.actor), ("kind", filter.kind)] {
            guard let pattern else { continue }
            if pattern.hasSuffix("*") {
                // A prefix as a range, so the (column, sequence) index serves it (LIKE would not, being case-blind).
                let prefix = String(pattern.dropLast())
                request = request.filter(Column(column) >= prefix && Column(column) < prefix + "\u{10FFFF}")
            } else {
                request = request.filter(Column(column) == pattern)
            }
        }
        if let subject = filter.subject { request = request.filter(Column("subject") == subject) }
        if let from = filter.from { request = request.filter(Column("at") >= DatabaseTimestamp.text(from: from)) }
        if let until = filter.until { request = request.filter(Column("at") < DatabaseTimestamp.text(from: until)) }
        return try request.order(Column("sequence").desc).limit(max(0, limit)).fetchAll(db).map { try $0.entry() }
    }

    func saveStaffMember(_ member: StaffMember) throws {
        do {
            try StaffMemberRow(member).save(db)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw IssuerError(.duplicate, "a member of staff with the address \(member.email.lowercased()) exists")
        }
    }

    func saveStaffSignInLink(_ link: StaffSignInLink) throws {
        try StaffSignInLinkRow(link).save(db)
    }

    func saveStaffSession(_ session: StaffSessionRecord) throws {
        try StaffSessionRow(session).save(db)
    }

    func endStaffSessions(staffID: String, at date: Date) throws -> Int {
        try db.execute(
            sql: "UPDATE staffSession SET endedAt = ? WHERE staffID = ? AND endedAt IS NULL",
            arguments: [DatabaseTimestamp.text(from: date), staffID])
        return db.changesCount
    }

    func deleteStaleStaffRecords(before date: Date) throws {
        let cutoff = DatabaseTimestamp.text(from: date)
        try db.execute(sql: "DELETE FROM staffSignInLink WHERE expiresAt < ?", arguments: [cutoff])
        try db.execute(sql: "DELETE FROM staffSession WHERE coalesce(endedAt, lastSeenAt) < ?", arguments: [cutoff])
    }

    func saveStaffSettings(_ settings: StaffSettings) throws {
        try db.execute(
            sql:
                "INSERT INTO staffSettings (id, requireSecondFactor) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET requireSecondFactor = excluded.requireSecondFactor",
            arguments: [settings.requireSecondFactor])
    }
}
