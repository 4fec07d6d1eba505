import Foundation

/// Keeping rollout settings, shadow decisions and checks.
public protocol RolloutWriting: RolloutReading {
    /// Inserts or replaces a program's setting.
    func saveProgramRollout(_ rollout: ProgramRollout) throws
    /// Inserts or replaces a shadow decision (unique on the event's source and event id).
    func saveShadowDecision(_ decision: ShadowDecisionRecord) throws
    /// Inserts or replaces a check.
    func saveRolloutCheck(_ check: RolloutCheck) throws
}
