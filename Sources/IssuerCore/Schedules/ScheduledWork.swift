import Foundation

/// One thing the ``WorkScheduler`` does once at a set time: a delayed issuance, a follow-up
/// webhook, an expiry reminder, the expiry notice. Unique on (``kind``, ``subjectID``, ``detail``),
/// so planning it twice keeps one; it leaves ``ScheduledWorkState/scheduled`` exactly once.
public struct ScheduledWork: Codable, Sendable, Hashable, Identifiable {
    /// `sch-` and random characters; the subject of the outbox rows it writes.
    public var id: String
    /// What is to be done.
    public var kind: ScheduledWorkKind
    /// The completion (an issuance) or the credential (everything else) it is about.
    public var subjectID: String
    /// The program of the subject.
    public var programID: String
    /// The follow-up's event name, the reminder's lead time in days, or empty.
    public var detail: String
    /// When it is due.
    public var dueAt: Date
    /// Whether it waits, was done, or was called off.
    public var state: ScheduledWorkState
    /// When it left ``ScheduledWorkState/scheduled``.
    public var finishedAt: Date?
    /// Why it was called off or held, when it was.
    public var note: String?

    /// A scheduled piece of work.
    public init(
        id: String, kind: ScheduledWorkKind, subjectID: String, programID: String, detail: String = "", dueAt: Date,
        state: ScheduledWorkState = .scheduled, finishedAt: Date? = nil, note: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.subjectID = subjectID
        self.programID = programID
        self.detail = detail
        self.dueAt = dueAt
        self.state = state
        self.finishedAt = finishedAt
        self.note = note
    }
}

/// What a ``ScheduledWork`` does when due.
public enum ScheduledWorkKind: String, Codable, Sendable, CaseIterable {
    /// Issue the credential of a completion whose program has an ``Program/issuanceDelay``.
    case issuance
    /// Send a program's ``FollowUp`` webhook (`credential.follow_up`).
    case followUp
    /// Email the learner and send `credential.expiring`, ``ScheduledWork/detail`` days before expiry.
    case expiryReminder
    /// Send `credential.expired` when the credential lapses.
    case expired
}

/// Where a ``ScheduledWork`` stands.
public enum ScheduledWorkState: String, Codable, Sendable, CaseIterable {
    /// Waiting for its time.
    case scheduled
    /// Done: the credential reserved, or the messages queued in the outbox.
    case done
    /// Called off: the completion was withdrawn, or the credential is no longer active.
    case cancelled
    /// A delayed issuance whose completion was put in the review queue.
    case held
}
