import Foundation
import GRDB
import IssuerCore

/// The `staffMember` table: one row per ``StaffMember``.
struct StaffMemberRow: StoreRecord {
    static let databaseTableName = "staffMember"

    var id: String
    var email: String
    var name: String
    var role: String
    var createdAt: Date
    var disabledAt: Date?
    var totpSecret: Data?
    var totpLastStep: Int64?

    init(_ member: StaffMember) {
        id = member.id
        email = member.email.lowercased()
        name = member.name
        role = member.role.rawValue
        createdAt = member.createdAt
        disabledAt = member.disabledAt
        totpSecret = member.totpSecret.map { Data($0) }
        totpLastStep = member.totpLastStep
    }

    func member() throws -> StaffMember {
        StaffMember(
            id: id, email: email, name: name, role: try StaffRole(named: role), createdAt: createdAt, disabledAt: disabledAt,
            totpSecret: totpSecret.map { Array($0) }, totpLastStep: totpLastStep)
    }
}

/// The `staffSignInLink` table: one row per emailed link, by the hash of its token.
struct StaffSignInLinkRow: StoreRecord {
    static let databaseTableName = "staffSignInLink"

    var tokenHash: String
    var staffID: String
    var createdAt: Date
    var expiresAt: Date
    var usedAt: Date?

    init(_ link: StaffSignInLink) {
        tokenHash = link.tokenHash
        staffID = link.staffID
        createdAt = link.createdAt
        expiresAt = link.expiresAt
        usedAt = link.usedAt
    }

    var link: StaffSignInLink {
        StaffSignInLink(tokenHash: tokenHash, staffID: staffID, createdAt: createdAt, expiresAt: expiresAt, usedAt: usedAt)
    }
}

/// The `staffSession` table: one row per console session, by the hash of its id.
struct StaffSessionRow: StoreRecord {
    static let databaseTableName = "staffSession"

    var idHash: String
    var staffID: String
    var csrfToken: String
    var createdAt: Date
    var lastSeenAt: Date
    var endedAt: Date?
    var awaitingSecondFactor: Bool

    init(_ session: StaffSessionRecord) {
        idHash = session.idHash
        staffID = session.staffID
        csrfToken = session.csrfToken
        createdAt = session.createdAt
        lastSeenAt = session.lastSeenAt
        endedAt = session.endedAt
        awaitingSecondFactor = session.awaitingSecondFactor
    }

    var session: StaffSessionRecord {
        StaffSessionRecord(
            idHash: idHash, staffID: staffID, csrfToken: csrfToken, createdAt: createdAt, lastSeenAt: lastSeenAt, endedAt: endedAt,
            awaitingSecondFactor: awaitingSecondFactor)
    }
}
