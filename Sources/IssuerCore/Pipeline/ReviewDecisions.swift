import CanonicalJSON
import Foundation

/// A reviewer's approval or rejection of a held completion, recorded with who and why.
public struct ReviewDecisions: Sendable {
    public let environment: IssuerEnvironment
    /// The reviewer, as the audit trail names them.
    public let reviewer: String

    /// Decisions by `reviewer`.
    public init(environment: IssuerEnvironment, reviewer: String) {
        self.environment = environment
        self.reviewer = reviewer
    }

    /// Approves a held completion and issues its credential (unless the learner already holds one).
    public func approve(_ completionID: String, note: String?) async throws -> IntakeOutcome {
        let recorder = try await environment.auditRecorder(actor: reviewer)
        let random = environment.random
        let reviewer = self.reviewer
        let outcome = try await environment.store.write { transaction -> IntakeOutcome in
            var completion = try Self.held(completionID, in: transaction)
            guard let program = try transaction.program(id: completion.event.programID) else {
                throw IssuerError(.unknownProgram, "program \(completion.event.programID) no longer exists")
            }
            completion.state = .issued
            completion.reviewedBy = reviewer
            completion.reviewNote = note
            completion.reviewedAt = recorder.at
            try transaction.updateCompletion(completion)
            try recorder.record(
                "review.approved", subject: completionID, data: ["note": note.map(JSONValue.string) ?? .null], in: transaction)
            // Held, the event changed nothing about the learner; approved, it counts like an accepted one.
            if let learner = try transaction.learner(id: completion.learnerID) {
                _ = try IssuancePipeline.acceptLearnerDetails(completion.event.learner, of: learner, recorder: recorder, in: transaction)
            }
            if let current = try transaction.currentCredential(learnerID: completion.learnerID, programID: program.id) {
                return .alreadyHeld(completionID: completionID, credentialID: current.id)
            }
            let validUntil = program.validity.map { $0.added(to: completion.event.completedAt) }
            let id = try IssuancePipeline.reserveCredential(
                completion: completion, program: program, learnerID: completion.learnerID, validUntil: validUntil, random: random,
                now: recorder.at,
                recorder: recorder, in: transaction)
            return .issued(completionID: completionID, credentialID: id)
        }
        if case .issued(_, let credentialID) = outcome {
            try await IssuancePipeline(environment: environment, actor: reviewer).finish(credentialID: credentialID)
        }
        return outcome
    }

    /// Rejects a held completion; the note is required and kept.
    public func reject(_ completionID: String, note: String) async throws {
        guard !note.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw IssuerError(.invalidRequest, "a rejection needs a note saying why")
        }
        let recorder = try await environment.auditRecorder(actor: reviewer)
        let reviewer = self.reviewer
        try await environment.store.write { transaction in
            var completion = try Self.held(completionID, in: transaction)
            completion.state = .rejected
            completion.reasons.append("rejected in review: \(note)")
            completion.reviewedBy = reviewer
            completion.reviewNote = note
            completion.reviewedAt = recorder.at
            try transaction.updateCompletion(completion)
            try recorder.record("review.rejected", subject: completionID, data: ["note": .string(note)], in: transaction)
        }
    }

    private static func held(_ id: String, in transaction: any IssuerTransaction) throws -> CompletionRecord {
        guard let completion = try transaction.completion(id: id) else { throw IssuerError(.notFound, "there is no completion \(id)") }
        guard completion.state == .held else {
            throw IssuerError(.invalidState, "completion \(id) is \(completion.state.rawValue), not held for review")
        }
        return completion
    }
}
