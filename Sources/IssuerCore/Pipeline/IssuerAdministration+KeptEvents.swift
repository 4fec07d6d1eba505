import CanonicalJSON
import Foundation

/// What staff do with kept events (Spec/workflow.md, the error table): correct the learner data of
/// one kept `invalidLearner`, which then is decided as if it had just come in, or discard any kept
/// event with a reason. Both audited under the staff member.
extension IssuerAdministration {
    /// The learner data a correction replaces; `nil` keeps what the event said.
    public struct LearnerCorrection: Sendable, Hashable {
        public var legalName: String?
        public var preferredName: String?
        public var email: String?

        /// A correction of the given fields; an empty `preferredName` removes the preferred name.
        public init(legalName: String? = nil, preferredName: String? = nil, email: String? = nil) {
            self.legalName = legalName
            self.preferredName = preferredName
            self.email = email
        }

        /// Applies the correction to `learner`; returns the fields it changed.
        @discardableResult
        public func apply(to learner: inout LearnerDetails) -> [LearnerDetails.Field] {
            var changed: [LearnerDetails.Field] = []
            if let legalName, legalName != learner.legalName {
                learner.legalName = legalName
                changed.append(.legalName)
            }
            if let preferredName, preferredName != (learner.preferredName ?? "") {
                learner.preferredName = preferredName.isEmpty ? nil : preferredName
                changed.append(.preferredName)
            }
            if let email, email != learner.email {
                learner.email = email
                changed.append(.email)
            }
            return changed
        }
    }

    /// Corrects event `id`, kept `invalidLearner`, and decides it in the namespace it came in,
    /// audited `completion.corrected` (the fields changed and `note`) then as any intake; a
    /// credential it issues is finished at once.
    /// - Throws: ``IssuerError`` `notFound` (no such kept event), `invalidState` (kept for another
    ///   reason), `invalidRequest` (no note, or the corrected data is still invalid: nothing changes).
    public func correctKeptEvent(_ id: String, _ correction: LearnerCorrection, note: String) async throws -> IntakeOutcome {
        try CompletionValidation.requireText(note, "note", maximum: 1000, code: .invalidRequest)
        let recorder = try await environment.auditRecorder(actor: actor)
        let random = environment.random
        let outcome = try await environment.store.write { transaction -> IntakeOutcome in
            let kept = try Self.keptEvent(id, in: transaction)
            guard kept.state == .invalidLearner else {
                throw IssuerError(
                    .invalidState, "\(id) is kept \(kept.state.rawValue), not for invalid learner data; it is decided when that changes")
            }
            var event = kept.event
            let fields = correction.apply(to: &event.learner)
            let problems = CompletionValidation.learnerProblems(event)
            guard problems.isEmpty else { throw IssuerError(.invalidRequest, problems.joined(separator: "; ")) }
            guard try transaction.deleteParkedEvent(id: id) else { throw IssuerError(.notFound, "there is no kept event \(id)") }
            try recorder.record(
                "completion.corrected", subject: id, data: ["fields": .array(fields.map { .string($0.rawValue) }), "note": .string(note)], in: transaction)
            return try IssuancePipeline.intake(
                event, namespace: kept.namespace, rules: CompletionRulesEngine(), random: random, recorder: recorder, in: transaction)
        }
        await finishReleased([outcome])
        return outcome
    }

    /// Forgets kept event `id` without deciding it, audited `completion.discarded` with `reason`
    /// and what the event was. A replay of it afterwards is taken in as new.
    /// - Throws: ``IssuerError`` `notFound`, or `invalidRequest` without a reason.
    public func discardKeptEvent(_ id: String, reason: String) async throws {
        try CompletionValidation.requireText(reason, "reason", maximum: 1000, code: .invalidRequest)
        let recorder = try await environment.auditRecorder(actor: actor)
        try await environment.store.write { transaction in
            let kept = try Self.keptEvent(id, in: transaction)
            guard try transaction.deleteParkedEvent(id: id) else { throw IssuerError(.notFound, "there is no kept event \(id)") }
            try recorder.record(
                "completion.discarded", subject: id,
                data: [
                    "source": .string(kept.event.source), "eventID": .string(kept.event.eventID), "was": .string(kept.state.rawValue),
                    "reason": .string(reason),
                ], in: transaction)
        }
    }

    private static func keptEvent(_ id: String, in transaction: any IssuerTransaction) throws -> ParkedEvent {
        guard let kept = try transaction.parkedEvent(id: id) else { throw IssuerError(.notFound, "there is no kept event \(id)") }
        return kept
    }
}
