import CanonicalJSON
import Foundation
import VerifiableCredentials

/// Where intake meets a program's rollout mode (issue 19 point 1): a program in `shadow` mode has
/// its completions decided and recorded, never acted on; an `assisted` or `monitored` program's
/// issuances may enter the post-issuance check list.
extension IssuancePipeline {
    /// For a program in shadow mode: decides `event`, keeps the decision with its reasons, audits
    /// it, and returns `.shadowed`; for any other mode `nil` (intake goes on as usual). Nothing is
    /// issued, queued or published, no status index is taken and no learner is created or changed.
    static func intakeInShadow(
        _ event: CompletionEvent, program: Program, namespace: LearnerNamespace, rules: CompletionRulesEngine,
        random: any RandomSource, recorder: AuditRecorder, in transaction: any IssuerTransaction
    ) throws -> IntakeOutcome? {
        guard let rollout = try transaction.programRollout(programID: program.id), rollout.mode == .shadow else { return nil }
        if let existing = try transaction.shadowDecision(source: event.source, eventID: event.eventID) {
            return .shadowed(completionID: existing.id, decision: existing.decision, reasons: existing.reasons)
        }
        let now = recorder.at
        var held: Set<String> = []
        if let learner = try transaction.learner(namespace: namespace, externalID: event.learner.externalID) {
            held = Set(
                try transaction.credentialSummaries(filter: CredentialFilter(learnerID: learner.id, states: [.active]))
                    .filter { $0.validUntil.map { $0 > now } ?? true }.map(\.programID))
        }
        var decision = rules.decide(event, program: program, heldPrograms: held)
        if case .issue = decision, let validUntil = program.validity.map({ $0.added(to: event.completedAt) }), validUntil <= now {
            decision = .reject(reasons: [
                "completed on \(DateTimeStamp.format(event.completedAt)): the credential would already have expired"
            ])
        }
        let record = ShadowDecisionRecord(
            id: "shd-" + random.identifier(length: 12), event: event, namespace: namespace, decision: decision.kind,
            reasons: decision.reasons, decidedAt: now)
        try transaction.saveShadowDecision(record)
        try recorder.record(
            "completion.shadowDecided", subject: record.id,
            data: [
                "source": .string(event.source), "eventID": .string(event.eventID), "program": .string(program.id),
                "programVersion": .number(Double(program.version)), "decision": .string(decision.kind.rawValue),
                "reasons": .array(decision.reasons.map(JSONValue.string)),
            ], in: transaction)
        return .shadowed(completionID: record.id, decision: decision.kind, reasons: decision.reasons)
    }

    /// After an issue decision reserved `credentialID`: in `assisted` mode one of the first N
    /// issuances, in `monitored` mode a random draw (once, here, per credential) puts it on the
    /// check list. Nothing happens in `full` mode.
    static func enterCheckList(
        credentialID: String, programID: String, learnerID: String, random: any RandomSource, recorder: AuditRecorder,
        in transaction: any IssuerTransaction
    ) throws {
        guard var rollout = try transaction.programRollout(programID: programID) else { return }
        let reason: RolloutCheckReason
        switch rollout.mode {
        case .shadow, .full:
            return
        case .assisted:
            guard rollout.firstEntered < rollout.firstCount else { return }
            rollout.firstEntered += 1
            try transaction.saveProgramRollout(rollout)
            reason = .first
        case .monitored:
            guard rollout.samplePerMille > 0, random.uniform(below: 1000) < rollout.samplePerMille else { return }
            reason = .sample
        }
        let check = RolloutCheck(
            credentialID: credentialID, programID: programID, learnerID: learnerID, reason: reason, enteredAt: recorder.at,
            dueAt: recorder.at.addingTimeInterval(TimeInterval(rollout.checkDeadlineSeconds)))
        try transaction.saveRolloutCheck(check)
        try recorder.record(
            "rollout.checkEntered", subject: credentialID,
            data: ["program": .string(programID), "reason": .string(reason.rawValue)], in: transaction)
    }
}
