import Foundation

/// A person who signs in to the staff console.
public struct StaffMember: Codable, Sendable, Hashable, Identifiable {
    /// `staff-` + 12 random base-32 digits, stable for the life of the account.
    public var id: String
    /// The sign-in address, stored lower-cased.
    public var email: String
    /// The name shown in the header and the audit trail.
    public var name: String
    /// What they may do.
    public var role: StaffRole
    /// When the account was made.
    public var createdAt: Date
    /// When the account was disabled; a disabled account cannot sign in and its sessions end.
    public var disabledAt: Date?
    /// The TOTP secret (20 random bytes) once the person has enrolled a second factor.
    public var totpSecret: [UInt8]?
    /// The last TOTP step a code was accepted for; a code is never accepted twice.
    public var totpLastStep: Int64?

    /// A member from its fields.
    public init(
        id: String, email: String, name: String, role: StaffRole, createdAt: Date, disabledAt: Date? = nil, totpSecret: [UInt8]? = nil,
        totpLastStep: Int64? = nil
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.disabledAt = disabledAt
        self.totpSecret = totpSecret
        self.totpLastStep = totpLastStep
    }

    /// Whether the account may sign in.
    public var isActive: Bool { disabledAt == nil }

    /// The actor recorded in the audit chain for this person's actions: `staff:ID:EMAIL`.
    public var auditActor: String { "staff:\(id):\(email)" }
}
