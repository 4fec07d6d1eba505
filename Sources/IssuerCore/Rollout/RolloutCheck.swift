import Foundation

/// Why an issuance entered the post-issuance check list.
public enum RolloutCheckReason: String, Codable, Sendable, CaseIterable {
    /// One of the first N issuances of an `assisted` program.
    case first
    /// Drawn in the random sample of a `monitored` program.
    case sample
}

/// Where a check stands.
public enum RolloutCheckState: String, Codable, Sendable, CaseIterable {
    /// Waiting for a staff member.
    case open
    /// A staff member confirmed the issuance.
    case confirmed
    /// A staff member revoked the credential, with a reason.
    case revoked
}

/// One issuance on the post-issuance check list.
public struct RolloutCheck: Codable, Sendable, Hashable, Identifiable {
    /// The credential checked (one check per credential).
    public var credentialID: String
    /// The credential's program.
    public var programID: String
    /// The credential's learner.
    public var learnerID: String
    /// Why it entered the list.
    public var reason: RolloutCheckReason
    /// Where it stands.
    public var state: RolloutCheckState
    /// When it entered the list, and when it is overdue.
    public var enteredAt: Date
    /// When it becomes overdue.
    public var dueAt: Date
    /// Who confirmed or revoked it, when, and (for a revocation) why.
    public var decidedBy: String?
    /// When it was confirmed or revoked.
    public var decidedAt: Date?
    /// The note of a confirmation, or the reason of a revocation.
    public var note: String?

    /// A check.
    public init(
        credentialID: String, programID: String, learnerID: String, reason: RolloutCheckReason, state: RolloutCheckState = .open,
        enteredAt: Date, dueAt: Date, decidedBy: String? = nil, decidedAt: Date? = nil, note: String? = nil
    ) {
        self.credentialID = credentialID
        self.programID = programID
        self.learnerID = learnerID
        self.reason = reason
        self.state = state
        self.enteredAt = enteredAt
        self.dueAt = dueAt
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.note = note
    }

    /// The id (the credential's).
    public var id: String { credentialID }

    /// Whether it is still open after its deadline at `now`.
    public func isOverdue(at now: Date) -> Bool { state == .open && dueAt <= now }
}
