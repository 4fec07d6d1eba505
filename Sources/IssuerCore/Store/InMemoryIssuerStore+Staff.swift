import Foundation

/// The staff part of ``InMemoryState``.
struct InMemoryStaffState: Sendable {
    var members: [String: StaffMember] = [:]
    var links: [String: StaffSignInLink] = [:]
    var sessions: [String: StaffSessionRecord] = [:]
    var settings = StaffSettings()
}

extension InMemoryTransaction: StaffWriting {
    func staffMember(id: String) -> StaffMember? { state.staff.members[id] }
    func staffMember(email: String) -> StaffMember? {
        state.staff.members.values.first { $0.email == email.lowercased() }
    }
    func staffMembers() -> [StaffMember] { state.staff.members.values.sorted { $0.email < $1.email } }
    func staffSignInLink(tokenHash: String) -> StaffSignInLink? { state.staff.links[tokenHash] }
    func staffSession(idHash: String) -> StaffSessionRecord? { state.staff.sessions[idHash] }
    func staffSettings() -> StaffSettings { state.staff.settings }

    func auditEntries(matching filter: AuditFilter, beforeSequence: Int?, limit: Int) -> [AuditEntry] {
        Array(
            state.audit.reversed().lazy.filter { entry in (beforeSequence.map { entry.sequence < $0 } ?? true) && filter.matches(entry) }
                .prefix(max(0, limit)))
    }

    func saveStaffMember(_ member: StaffMember) throws {
        var member = member
        member.email = member.email.lowercased()
        if state.staff.members.values.contains(where: { $0.email == member.email && $0.id != member.id }) {
            throw IssuerError(.duplicate, "a member of staff with the address \(member.email) exists")
        }
        state.staff.members[member.id] = member
    }
    func saveStaffSignInLink(_ link: StaffSignInLink) { state.staff.links[link.tokenHash] = link }
    func saveStaffSession(_ session: StaffSessionRecord) { state.staff.sessions[session.idHash] = session }
    func endStaffSessions(staffID: String, at date: Date) -> Int {
        var ended = 0
        for (hash, session) in state.staff.sessions where session.staffID == staffID && session.endedAt == nil {
            state.staff.sessions[hash]?.endedAt = date
            ended += 1
        }
        return ended
    }
    func deleteStaleStaffRecords(before date: Date) {
        state.staff.links = state.staff.links.filter { $0.value.expiresAt >= date }
        state.staff.sessions = state.staff.sessions.filter { ($0.value.endedAt ?? $0.value.lastSeenAt) >= date }
    }
    func saveStaffSettings(_ settings: StaffSettings) { state.staff.settings = settings }
}
