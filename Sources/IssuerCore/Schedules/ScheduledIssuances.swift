import CanonicalJSON
import Foundation

/// What staff can do with a completion whose issuance waits out its program's delay: withdraw it
/// (the completion becomes rejected; nothing is issued) or hold it (it joins the review queue and
/// is issued only if a reviewer approves). The CLI and the admin API both call these.
public struct ScheduledIssuances: Sendable {
    /// Where time, the store and randomness come from.
    public let environment: IssuerEnvironment
    /// Who acts, for the audit trail.
    public let actor: String

    /// Actions taken as `actor`.
    public init(environment: IssuerEnvironment, actor: String) {
        self.environment = environment
        self.actor = actor
    }

    /// The delayed issuance of a completion, whatever its state; `nil` when it had none.
    public func scheduledIssuance(completionID: String) async throws -> ScheduledWork? {
        try await environment.store.read { reading in
            try reading.scheduledWork(subjectID: completionID).first { $0.kind == .issuance }
        }
    }

    /// Withdraws a scheduled issuance: nothing is issued and the completion is rejected with `reason`.
    /// - Throws: `notFound` without a completion; `invalidState` when no issuance of it is still waiting.
    public func withdraw(completionID: String, reason: String) async throws {
        try await change(completionID: completionID, reason: reason, to: .cancelled)
    }

    /// Holds a scheduled issuance for review: the completion joins the review queue with `reason`.
    /// - Throws: `notFound` without a completion; `invalidState` when no issuance of it is still waiting.
    public func hold(completionID: String, reason: String) async throws {
        try await change(completionID: completionID, reason: reason, to: .held)
    }

    private func change(completionID: String, reason: String, to state: ScheduledWorkState) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw IssuerError(.invalidRequest, "give a reason") }
        let recorder = try await environment.auditRecorder(actor: actor)
        let random = environment.random
        let actor = self.actor
        try await environment.store.write { transaction in
            guard var completion = try transaction.completion(id: completionID) else {
                throw IssuerError(.notFound, "there is no completion \(completionID)")
            }
            guard
                let work = try transaction.scheduledWork(subjectID: completionID).first(where: {
                    $0.kind == .issuance && $0.state == .scheduled
                }),
                completion.state == .issued,
                try transaction.finishScheduledWork(id: work.id, state: state, at: recorder.at, note: "\(actor): \(reason)")
            else {
                throw IssuerError(.invalidState, "completion \(completionID) has no issuance waiting for its delay to end")
            }
            let withdrawn = state == .cancelled
            completion.state = withdrawn ? .rejected : .held
            completion.reasons.append(withdrawn ? "withdrawn: \(reason)" : "held before issuance: \(reason)")
            if withdrawn {
                completion.reviewedBy = actor
                completion.reviewNote = reason
                completion.reviewedAt = recorder.at
            }
            try transaction.updateCompletion(completion)
            try recorder.record(
                withdrawn ? "completion.withdrawn" : "completion.held", subject: completionID,
                data: ["reason": .string(reason), "scheduledWork": .string(work.id)], in: transaction)
            if !withdrawn {
                try transaction.saveOutboxMessage(
                    OutboxMessage(
                        id: "out-" + random.identifier(length: 12), channel: .webhook, event: .completionHeldForReview,
                        subjectID: completionID, recipient: nil, createdAt: recorder.at))
                try ReviewNotice.queue(
                    completionID: completionID, recipients: ReviewNotice.recipients(among: try transaction.staffMembers()), random: random,
                    now: recorder.at, in: transaction)
            }
        }
    }
}
