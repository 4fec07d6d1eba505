import Foundation

/// What the rules decided about a completion of a program in shadow mode: kept with its reasons,
/// acted on never (unless the mode is left with `--issue-shadowed`, which re-takes the event).
public struct ShadowDecisionRecord: Codable, Sendable, Hashable, Identifiable {
    /// `shd-…`.
    public var id: String
    /// The event as reported (unique on its source and event id, as completions are).
    public var event: CompletionEvent
    /// The namespace the event came in (so it is taken again in the same one).
    public var namespace: LearnerNamespace
    /// The rules' decision and its reasons.
    public var decision: Decision.Kind
    /// The reasons of the decision (empty for issue).
    public var reasons: [String]
    /// When it was decided.
    public var decidedAt: Date
    /// The completion it became when the mode was left with `--issue-shadowed`.
    public var issuedCompletionID: String?

    /// A shadow decision.
    public init(
        id: String, event: CompletionEvent, namespace: LearnerNamespace, decision: Decision.Kind, reasons: [String], decidedAt: Date,
        issuedCompletionID: String? = nil
    ) {
        self.id = id
        self.event = event
        self.namespace = namespace
        self.decision = decision
        self.reasons = reasons
        self.decidedAt = decidedAt
        self.issuedCompletionID = issuedCompletionID
    }

    /// The program.
    public var programID: String { event.programID }
}
