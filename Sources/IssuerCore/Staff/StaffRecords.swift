import Foundation

/// An emailed sign-in link, kept as the hash of its token: single use, short-lived.
public struct StaffSignInLink: Codable, Sendable, Hashable {
    /// SHA-256 (hex) of the token in the link; the token itself is never stored.
    public var tokenHash: String
    /// The member it signs in.
    public var staffID: String
    /// When it was asked for.
    public var createdAt: Date
    /// When it stops working.
    public var expiresAt: Date
    /// When the link was used; a used link never works again.
    public var usedAt: Date?

    /// A link record.
    public init(tokenHash: String, staffID: String, createdAt: Date, expiresAt: Date, usedAt: Date? = nil) {
        self.tokenHash = tokenHash
        self.staffID = staffID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}

/// A console session as stored: the hash of the cookie's id, never the id.
public struct StaffSessionRecord: Codable, Sendable, Hashable {
    /// SHA-256 (hex) of the session id the cookie carries.
    public var idHash: String
    /// The signed-in member.
    public var staffID: String
    /// The token the session's forms carry.
    public var csrfToken: String
    /// When the person signed in (the absolute timeout counts from here).
    public var createdAt: Date
    /// The last request; the idle timeout counts from here.
    public var lastSeenAt: Date
    /// When the session was ended (sign-out, sign-out everywhere, account disabled).
    public var endedAt: Date?
    /// Whether the second factor is still to be given: such a session opens only the code page.
    public var awaitingSecondFactor: Bool

    /// A session record.
    public init(
        idHash: String, staffID: String, csrfToken: String, createdAt: Date, lastSeenAt: Date, endedAt: Date? = nil,
        awaitingSecondFactor: Bool = false
    ) {
        self.idHash = idHash
        self.staffID = staffID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.endedAt = endedAt
        self.awaitingSecondFactor = awaitingSecondFactor
    }
}

/// Console settings an administrator changes.
public struct StaffSettings: Codable, Sendable, Hashable {
    /// Whether every member of staff must use a second factor (TOTP) to sign in.
    public var requireSecondFactor: Bool

    /// Settings.
    public init(requireSecondFactor: Bool = false) {
        self.requireSecondFactor = requireSecondFactor
    }
}

/// What the audit page filters the chain by; every part optional. Matched in SQL.
public struct AuditFilter: Sendable, Hashable {
    /// The actor, exactly (`staff:ID:EMAIL`, `cli`, `api:NAME`) or, ending in `*`, by prefix.
    public var actor: String?
    /// The kind, exactly (`credential.revoked`) or, ending in `*`, by prefix (`credential.*`).
    public var kind: String?
    /// The subject (a credential, completion or learner id), exactly.
    public var subject: String?
    /// Entries at or after this instant.
    public var from: Date?
    /// Entries before this instant.
    public var until: Date?

    /// A filter.
    public init(actor: String? = nil, kind: String? = nil, subject: String? = nil, from: Date? = nil, until: Date? = nil) {
        self.actor = actor
        self.kind = kind
        self.subject = subject
        self.from = from
        self.until = until
    }

    /// Whether `entry` matches (the in-memory store's check; SQL does the same).
    public func matches(_ entry: AuditEntry) -> Bool {
        func matches(_ pattern: String?, _ value: String) -> Bool {
            guard let pattern else { return true }
            if pattern.hasSuffix("*") { return value.hasPrefix(pattern.dropLast()) }
            return value == pattern
        }
        return matches(actor, entry.actor) && matches(kind, entry.kind) && (subject == nil || subject == entry.subject)
            && (from.map { entry.at >= $0 } ?? true) && (until.map { entry.at < $0 } ?? true)
    }
}
