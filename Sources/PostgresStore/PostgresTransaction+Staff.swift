import Foundation
import IssuerCore
import PostgresNIO

// Staff accounts, sign-in links, sessions, console settings, and the audit chain as the console's
// Audit page searches it.
extension PostgresTransaction {
    private static let memberColumns = "id, email, name, role, createdAt, disabledAt, totpSecret, totpLastStep"

    private static func member(_ row: PostgresRowReader) throws -> StaffMember {
        var row = row
        return StaffMember(
            id: try row(), email: try row(), name: try row(), role: try StaffRole(named: try row()), createdAt: try row.date(),
            disabledAt: try row.optionalDate(), totpSecret: try row.optional(Data.self).map { Array($0) },
            totpLastStep: try row.optional(Int64.self))
    }

    func staffMember(id: String) throws -> StaffMember? {
        try row("SELECT \(Self.memberColumns) FROM staffMember WHERE id = $1", [id]).map(Self.member)
    }

    func staffMember(email: String) throws -> StaffMember? {
        try row("SELECT \(Self.memberColumns) FROM staffMember WHERE email = $1", [email.lowercased()]).map(Self.member)
    }

    func staffMembers() throws -> [StaffMember] {
        try rows("SELECT \(Self.memberColumns) FROM staffMember ORDER BY email COLLATE \"C\"").map(Self.member)
    }

    func staffSignInLink(tokenHash: String) throws -> StaffSignInLink? {
        guard
            var row = try row(
                "SELECT tokenHash, staffID, createdAt, expiresAt, usedAt FROM staffSignInLink WHERE tokenHash = $1", [tokenHash])
        else { return nil }
        return StaffSignInLink(
            tokenHash: try row(), staffID: try row(), createdAt: try row.date(), expiresAt: try row.date(), usedAt: try row.optionalDate())
    }

    func staffSession(idHash: String) throws -> StaffSessionRecord? {
        guard
            var row = try row(
                "SELECT idHash, staffID, csrfToken, createdAt, lastSeenAt, endedAt, awaitingSecondFactor FROM staffSession WHERE idHash = $1",
                [idHash])
        else { return nil }
        return StaffSessionRecord(
            idHash: try row(), staffID: try row(), csrfToken: try row(), createdAt: try row.date(), lastSeenAt: try row.date(),
            endedAt: try row.optionalDate(), awaitingSecondFactor: try row())
    }

    func staffSettings() throws -> StaffSettings {
        StaffSettings(requireSecondFactor: try value(Bool.self, "SELECT requireSecondFactor FROM staffSettings WHERE id = 1") ?? false)
    }

    func auditEntries(matching filter: AuditFilter, beforeSequence: Int?, limit: Int) throws -> [AuditEntry] {
        var conditions: [String] = []
        var values: [(any PostgresBindable)?] = []
        func condition(_ sql: String, _ value: any PostgresBindable) {
            values.append(value)
            conditions.append(sql.replacingOccurrences(of: "?", with: "$\(values.count)"))
        }
        if let beforeSequence { condition("sequence < ?", beforeSequence) }
        for (column, pattern) in [("actor", filter.actor), ("kind", filter.kind)] {
            guard let pattern else { continue }
            if pattern.hasSuffix("*") {
                // A prefix, compared byte for byte whatever the database's collation.
                condition("starts_with(\(column), ?)", String(pattern.dropLast()))
            } else {
                condition("\(column) = ?", pattern)
            }
        }
        if let subject = filter.subject { condition("subject = ?", subject) }
        if let from = filter.from { condition("at >= ?", from) }
        if let until = filter.until { condition("at < ?", until) }
        values.append(max(0, limit))
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try rows("SELECT \(Self.auditColumns) FROM auditEntry \(whereClause) ORDER BY sequence DESC LIMIT $\(values.count)", values)
            .map(Self.auditEntry)
    }

    func saveStaffMember(_ member: StaffMember) throws {
        try refusingConflicts {
            try execute(
                """
                INSERT INTO staffMember (id, email, name, role, createdAt, disabledAt, totpSecret, totpLastStep)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (id) DO UPDATE SET email = excluded.email, name = excluded.name, role = excluded.role,
                    createdAt = excluded.createdAt, disabledAt = excluded.disabledAt, totpSecret = excluded.totpSecret,
                    totpLastStep = excluded.totpLastStep
                """,
                [
                    member.id, member.email.lowercased(), member.name, member.role.rawValue, member.createdAt, member.disabledAt,
                    member.totpSecret, member.totpLastStep,
                ])
        } refusing: {
            $0.sqlState == "23505"
        } explain: {
            IssuerError(.duplicate, "a member of staff with the address \(member.email.lowercased()) exists")
        }
    }

    func saveStaffSignInLink(_ link: StaffSignInLink) throws {
        try execute(
            """
            INSERT INTO staffSignInLink (tokenHash, staffID, createdAt, expiresAt, usedAt) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (tokenHash) DO UPDATE SET staffID = excluded.staffID, createdAt = excluded.createdAt,
                expiresAt = excluded.expiresAt, usedAt = excluded.usedAt
            """, [link.tokenHash, link.staffID, link.createdAt, link.expiresAt, link.usedAt])
    }

    func saveStaffSession(_ session: StaffSessionRecord) throws {
        try execute(
            """
            INSERT INTO staffSession (idHash, staffID, csrfToken, createdAt, lastSeenAt, endedAt, awaitingSecondFactor)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (idHash) DO UPDATE SET staffID = excluded.staffID, csrfToken = excluded.csrfToken,
                createdAt = excluded.createdAt, lastSeenAt = excluded.lastSeenAt, endedAt = excluded.endedAt,
                awaitingSecondFactor = excluded.awaitingSecondFactor
            """,
            [
                session.idHash, session.staffID, session.csrfToken, session.createdAt, session.lastSeenAt, session.endedAt,
                session.awaitingSecondFactor,
            ])
    }

    func endStaffSessions(staffID: String, at date: Date) throws -> Int {
        try execute("UPDATE staffSession SET endedAt = $1 WHERE staffID = $2 AND endedAt IS NULL RETURNING 1", [date, staffID])
    }

    func deleteStaleStaffRecords(before date: Date) throws {
        try execute("DELETE FROM staffSignInLink WHERE expiresAt < $1", [date])
        try execute("DELETE FROM staffSession WHERE coalesce(endedAt, lastSeenAt) < $1", [date])
    }

    func saveStaffSettings(_ settings: StaffSettings) throws {
        try execute(
            """
            INSERT INTO staffSettings (id, requireSecondFactor) VALUES (1, $1)
            ON CONFLICT (id) DO UPDATE SET requireSecondFactor = excluded.requireSecondFactor
            """, [settings.requireSecondFactor])
    }
}
