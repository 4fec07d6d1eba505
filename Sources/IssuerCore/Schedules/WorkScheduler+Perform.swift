import CanonicalJSON
import Foundation

extension WorkScheduler {
    /// What became of one piece of work.
    enum Outcome: Sendable {
        /// Done; the credential a delayed issuance reserved and finished, if any.
        case done(credentialID: String?)
        /// Called off (the note says why).
        case cancelled
        /// Another tick or instance finished it first; nothing was written.
        case alreadyTaken
    }

    static func perform(_ work: ScheduledWork, environment: IssuerEnvironment) async throws -> Outcome {
        let recorder = try await environment.auditRecorder(actor: actor)
        let random = environment.random
        let outcome = try await environment.store.write { transaction -> Outcome in
            switch work.kind {
            case .issuance: try issue(work, random: random, recorder: recorder, in: transaction)
            case .followUp, .expiryReminder, .expired: try notify(work, random: random, now: recorder.at, in: transaction)
            }
        }
        if case .done(let credentialID?) = outcome {
            try await IssuancePipeline(environment: environment, actor: actor).finish(credentialID: credentialID)
        }
        return outcome
    }

    /// A delayed issuance: the credential is reserved now if the completion is still an issue
    /// decision (not withdrawn, not held) and the learner holds no current credential for the program.
    private static func issue(
        _ work: ScheduledWork, random: any RandomSource, recorder: AuditRecorder, in transaction: any IssuerTransaction
    ) throws -> Outcome {
        let now = recorder.at
        func callOff(_ note: String) throws -> Outcome {
            try transaction.finishScheduledWork(id: work.id, state: .cancelled, at: now, note: note) ? .cancelled : .alreadyTaken
        }
        guard let completion = try transaction.completion(id: work.subjectID), completion.state == .issued else {
            return try callOff("the completion is no longer an issue decision")
        }
        guard let program = try transaction.program(id: completion.event.programID) else { return try callOff("the program is gone") }
        if let current = try transaction.currentCredentialSummary(learnerID: completion.learnerID, programID: program.id) {
            return try callOff("the learner already holds \(current.id)")
        }
        let validUntil = program.validity.map { $0.added(to: completion.event.completedAt) }
        if let validUntil, validUntil <= now { return try callOff("a credential would already have expired") }
        guard try transaction.finishScheduledWork(id: work.id, state: .done, at: now, note: nil) else { return .alreadyTaken }
        let credentialID = try IssuancePipeline.reserveCredential(
            completion: completion, program: program, learnerID: completion.learnerID, validUntil: validUntil, random: random, now: now,
            recorder: recorder, in: transaction)
        try recorder.record(
            "completion.delay_ended", subject: completion.id,
            data: ["credential": .string(credentialID), "scheduledWork": .string(work.id)], in: transaction)
        return .done(credentialID: credentialID)
    }

    /// A follow-up, reminder or expiry notice: queued only for a credential that is still active
    /// and current (not revoked, suspended or superseded); a reminder also only before expiry.
    private static func notify(_ work: ScheduledWork, random: any RandomSource, now: Date, in transaction: any IssuerTransaction) throws
        -> Outcome
    {
        func callOff(_ note: String) throws -> Outcome {
            try transaction.finishScheduledWork(id: work.id, state: .cancelled, at: now, note: note) ? .cancelled : .alreadyTaken
        }
        guard let credential = try transaction.credentialSummary(id: work.subjectID) else { return try callOff("the credential is gone") }
        guard credential.state == .active, credential.supersededBy == nil else {
            return try callOff("the credential is \(credential.supersededBy == nil ? credential.state.rawValue : "superseded")")
        }
        if work.kind == .expiryReminder, let validUntil = credential.validUntil, validUntil <= now {
            return try callOff("the credential expired before its reminder was sent")
        }
        guard try transaction.finishScheduledWork(id: work.id, state: .done, at: now, note: nil) else { return .alreadyTaken }
        var messages: [(OutboxChannel, OutboxEvent, String?)] = []
        switch work.kind {
        case .expiryReminder:
            if let learner = try transaction.learner(id: credential.learnerID) {
                messages.append((.email, .credentialExpiring, learner.email))
            }
            messages.append((.webhook, .credentialExpiring, nil))
        case .expired: messages.append((.webhook, .credentialExpired, nil))
        case .followUp: messages.append((.webhook, .credentialFollowUp, nil))
        case .issuance: break
        }
        for (channel, event, recipient) in messages {
            try transaction.saveOutboxMessage(
                OutboxMessage(
                    id: "out-" + random.identifier(length: 12), channel: channel, event: event, subjectID: work.id, recipient: recipient,
                    createdAt: now))
        }
        return .done(credentialID: nil)
    }
}
