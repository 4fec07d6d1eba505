import Foundation
import IssuerCore

/// The signed-in person on one request: who they are, and the CSRF token their forms carry.
public struct StaffSession: Sendable {
    /// The member of staff.
    public var member: StaffMember
    /// The token every state-changing form of this session carries (``csrfField``); bound to the
    /// session, so a page from another site cannot know it.
    public var csrfToken: String
    /// The SHA-256 (hex) of the session id, as stored; never the id itself.
    public var sessionHash: String
    /// When the session was made (the absolute timeout counts from here).
    public var createdAt: Date

    /// The cookie's session id (to end the session); empty for sessions made by hand in tests.
    let sessionID: String

    /// A session.
    public init(member: StaffMember, csrfToken: String, sessionHash: String, createdAt: Date) {
        self.init(member: member, csrfToken: csrfToken, sessionHash: sessionHash, createdAt: createdAt, sessionID: "")
    }

    init(member: StaffMember, csrfToken: String, sessionHash: String, createdAt: Date, sessionID: String) {
        self.member = member
        self.csrfToken = csrfToken
        self.sessionHash = sessionHash
        self.createdAt = createdAt
        self.sessionID = sessionID
    }

    /// The hidden field to put inside every `<form method="post">`.
    public var csrfField: HTML {
        "<input type=\"hidden\" name=\"\(ConsoleForm.csrfFieldName)\" value=\"\(csrfToken)\">"
    }

    /// Whether this person's role allows `permission`.
    public func may(_ permission: StaffPermission) -> Bool {
        member.role.may(permission)
    }

    /// The actor to record in the audit chain for this person's actions (`staff:ID:EMAIL`).
    public var auditActor: String { member.auditActor }
}
