import Foundation

/// A worker's membership of a group (`moduleID == nil`: every required module of the
/// configuration) or one extra module assigned to them. Removal is recorded, never deleted.
public struct TrainingAssignment: Codable, Sendable, Hashable, Identifiable {
    /// Attest's id for the assignment.
    public var id: String
    /// The worker (a ``Learner``).
    public var learnerID: String
    /// The configuration whose group or module is assigned.
    public var configurationID: String
    /// The module assigned; `nil` for membership of the whole group.
    public var moduleID: String?
    /// When it was assigned.
    public var assignedAt: Date
    /// Who assigned it (`cli`, `api:NAME`).
    public var assignedBy: String
    /// When and by whom it was withdrawn; `nil` while in force.
    public var removedAt: Date?
    /// Who withdrew it.
    public var removedBy: String?

    /// An assignment in force.
    public init(
        id: String, learnerID: String, configurationID: String, moduleID: String?, assignedAt: Date, assignedBy: String,
        removedAt: Date? = nil, removedBy: String? = nil
    ) {
        self.id = id
        self.learnerID = learnerID
        self.configurationID = configurationID
        self.moduleID = moduleID
        self.assignedAt = assignedAt
        self.assignedBy = assignedBy
        self.removedAt = removedAt
        self.removedBy = removedBy
    }

    /// Whether it is in force.
    public var isActive: Bool { removedAt == nil }
}

/// A worker's completion of one module. Module ids are shared by configurations, so one
/// completion counts for every configuration that lists the module (each with its own validity).
/// A completion found wrong is removed, which is recorded (who, when, why) and leaves the row in the history.
public struct TrainingCompletion: Codable, Sendable, Hashable, Identifiable {
    /// Attest's id for the completion.
    public var id: String
    /// The worker (a ``Learner``).
    public var learnerID: String
    /// The module completed.
    public var moduleID: String
    /// When the worker completed the module; its validity runs from here.
    public var completedAt: Date
    /// When and by whom it was recorded.
    public var recordedAt: Date
    /// Who recorded it (`cli`, `api:NAME`).
    public var recordedBy: String
    /// When it was removed; `nil` while it counts.
    public var removedAt: Date?
    /// Who removed it.
    public var removedBy: String?
    /// Why it was removed.
    public var removalReason: String?

    /// A completion in force.
    public init(
        id: String, learnerID: String, moduleID: String, completedAt: Date, recordedAt: Date, recordedBy: String,
        removedAt: Date? = nil, removedBy: String? = nil, removalReason: String? = nil
    ) {
        self.id = id
        self.learnerID = learnerID
        self.moduleID = moduleID
        self.completedAt = completedAt
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.removedAt = removedAt
        self.removedBy = removedBy
        self.removalReason = removalReason
    }

    /// Whether it counts.
    public var isActive: Bool { removedAt == nil }
}

/// The scheduler's note about one worker and configuration: when their state next changes, what
/// it was when last evaluated, and which reminders went out (so none goes twice).
public struct ComplianceWatch: Codable, Sendable, Hashable {
    /// The worker watched.
    public var learnerID: String
    /// The configuration the worker is watched in.
    public var configurationID: String
    /// When to evaluate again; `nil` when nothing will change by the passing of time.
    public var nextCheckAt: Date?
    /// Whether the worker was compliant at the last evaluation.
    public var valid: Bool
    /// Completions whose expiry reminder was queued.
    public var remindedCompletionIDs: [String]
    /// When it was last evaluated.
    public var updatedAt: Date

    /// A watch.
    public init(
        learnerID: String, configurationID: String, nextCheckAt: Date?, valid: Bool, remindedCompletionIDs: [String] = [], updatedAt: Date
    ) {
        self.learnerID = learnerID
        self.configurationID = configurationID
        self.nextCheckAt = nextCheckAt
        self.valid = valid
        self.remindedCompletionIDs = remindedCompletionIDs
        self.updatedAt = updatedAt
    }
}
