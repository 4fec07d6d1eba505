import Foundation

/// Why a completion event is kept undecided (issue 19 points 3 and 4: configuration drift and the
/// workflow's error table).
public enum ParkedState: String, Codable, Sendable, CaseIterable {
    /// The event names a course no program maps.
    case unmapped
    /// The event's program is disabled.
    case disabled
    /// The event names a program that does not exist.
    case unknownProgram
    /// What the event says about the learner cannot go on a certificate (a bad email address, an
    /// empty name, control characters): a person corrects it, or the reporter sends it again.
    case invalidLearner
}

/// A completion event that is kept, never dropped, because nothing may decide it yet: its course
/// is mapped by no program, the program it names does not exist or is disabled, or its learner data
/// is invalid. It is decided, exactly once, when a program starts to map its course, the program it
/// names is added or enabled again, or its learner data is corrected (by staff, or by the reporter
/// sending the same event again); then it becomes an ordinary ``CompletionRecord`` and this record
/// is gone. Staff may also discard it, with a reason.
public struct ParkedEvent: Codable, Sendable, Hashable, Identifiable {
    /// `prk-…`.
    public var id: String
    /// The event as reported; `programID` is empty when it named only a course.
    public var event: CompletionEvent
    /// The namespace the event came in, so it is decided in the same one.
    public var namespace: LearnerNamespace
    /// Who reported it (`api:NAME`, `cli`), the actor its decision is audited under.
    public var actor: String
    /// Why it waits.
    public var state: ParkedState
    /// The same in words, for people.
    public var reason: String
    /// When it came in.
    public var receivedAt: Date

    /// A kept event.
    public init(
        id: String, event: CompletionEvent, namespace: LearnerNamespace, actor: String, state: ParkedState, reason: String,
        receivedAt: Date
    ) {
        self.id = id
        self.event = event
        self.namespace = namespace
        self.actor = actor
        self.state = state
        self.reason = reason
        self.receivedAt = receivedAt
    }
}
