import Foundation

/// The rollout part of ``InMemoryState``.
struct InMemoryRolloutState: Sendable {
    var settings: [String: ProgramRollout] = [:]
    var shadowDecisions: [String: ShadowDecisionRecord] = [:]
    var checks: [String: RolloutCheck] = [:]
}

extension InMemoryTransaction: RolloutWriting {
    func programRollout(programID: String) -> ProgramRollout? { state.rollout.settings[programID] }

    func shadowDecision(source: String, eventID: String) -> ShadowDecisionRecord? {
        state.rollout.shadowDecisions.values.first { $0.event.source == source && $0.event.eventID == eventID }
    }

    func shadowDecisions(programID: String) -> [ShadowDecisionRecord] {
        state.rollout.shadowDecisions.values.filter { $0.programID == programID }.sorted { ($0.decidedAt, $0.id) < ($1.decidedAt, $1.id) }
    }

    func rolloutCheck(credentialID: String) -> RolloutCheck? { state.rollout.checks[credentialID] }

    func rolloutChecks(programID: String?, state checkState: RolloutCheckState?) -> [RolloutCheck] {
        state.rollout.checks.values.filter {
            (programID == nil || $0.programID == programID) && (checkState == nil || $0.state == checkState)
        }
        .sorted { ($0.enteredAt, $0.credentialID) < ($1.enteredAt, $1.credentialID) }
    }

    func completions(programID: String) -> [CompletionRecord] {
        state.completions.values.filter { $0.event.programID == programID }.sorted { ($0.receivedAt, $0.id) < ($1.receivedAt, $1.id) }
    }

    func saveProgramRollout(_ rollout: ProgramRollout) { state.rollout.settings[rollout.programID] = rollout }

    func saveShadowDecision(_ decision: ShadowDecisionRecord) throws {
        if let other = shadowDecision(source: decision.event.source, eventID: decision.event.eventID), other.id != decision.id {
            throw IssuerError(.duplicate, "event \(decision.event.eventID) of \(decision.event.source) was decided in shadow mode already")
        }
        state.rollout.shadowDecisions[decision.id] = decision
    }

    func saveRolloutCheck(_ check: RolloutCheck) { state.rollout.checks[check.credentialID] = check }
}
