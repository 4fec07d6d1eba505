/// What one evaluation of a worker found and did.
public struct ComplianceOutcome: Sendable, Hashable {
    /// What happened to the compliance certificate.
    public enum Action: Sendable, Hashable {
        case none
        /// A first certificate was issued.
        case issued(credentialID: String)
        /// The certificate was suspended: training is missing or expired.
        case suspended(credentialID: String)
        /// The suspension was lifted: the missing training is done.
        case reinstated(credentialID: String)
        /// What a certificate signs changed (the requirement): a new one replaced the old.
        case reissued(oldID: String, newID: String)
    }

    /// The state judged.
    public var state: ComplianceState
    /// What was done to the certificate.
    public var action: Action
    /// The worker's current compliance certificate after the action, if any.
    public var credentialID: String?
    /// Expiry reminders queued by this evaluation.
    public var remindersQueued: Int

    /// An outcome.
    public init(state: ComplianceState, action: Action, credentialID: String?, remindersQueued: Int) {
        self.state = state
        self.action = action
        self.credentialID = credentialID
        self.remindersQueued = remindersQueued
    }
}
