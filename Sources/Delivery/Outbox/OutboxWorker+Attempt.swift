import Foundation
import IssuerCore

extension OutboxWorker {
    enum Claim: Sendable {
        case ready(OutboxMessage)
        /// The row had used all its attempts (the last one was interrupted) and is now failed.
        case exhausted
    }

    /// Counts the attempt and reserves the row, in its own transaction, before anything is sent.
    /// `nil` when another worker took it or it is no longer due.
    func claim(_ id: String) async throws -> Claim? {
        let now = self.now()
        let retry = configuration.retry
        return try await store.write { transaction -> Claim? in
            guard var row = try transaction.outboxMessage(id: id), row.state == .pending,
                (row.nextAttemptAt ?? row.createdAt) <= now
            else { return nil }
            if row.attempts >= retry.maximumAttempts {
                row.state = .failed
                row.nextAttemptAt = nil
                row.lastError = "gave up after \(row.attempts) attempts; the last one was interrupted. " + (row.lastError ?? "")
                try transaction.saveOutboxMessage(row)
                return .exhausted
            }
            row.attempts += 1
            row.nextAttemptAt = now.addingTimeInterval(retry.claimDuration)
            try transaction.saveOutboxMessage(row)
            return .ready(row)
        }
    }

    /// Composes and sends one claimed row; `nil` on success.
    func attempt(_ row: OutboxMessage) async -> DeliveryError? {
        do {
            switch row.channel {
            case .email: try await mailer.send(try await composeEmail(row))
            case .webhook:
                guard let endpoint = try await webhookEndpoints().first(where: { $0.url == row.recipient }) else {
                    throw DeliveryError(
                        .unknownEndpoint, "the webhook endpoint \(row.recipient ?? "") is no longer configured", isTransient: false)
                }
                let body = try await webhookBody(row)
                try await webhooks.send(body: body, eventID: row.id, to: endpoint, timestamp: Int(now().timeIntervalSince1970))
            }
            return nil
        } catch let error as DeliveryError {
            return error
        } catch {
            // Store reads that failed: the data may come back, so try again later.
            return DeliveryError(.composeFailed, "could not prepare the message: \(error)", isTransient: true)
        }
    }

    /// Records the outcome: `sent`, a retry at `now + delay`, or `failed` with the reply kept.
    /// Returns where the row now stands.
    func mark(_ row: OutboxMessage, outcome: DeliveryError?) async throws -> DeliveryAttempt.Result {
        let now = self.now()
        let retry = configuration.retry
        let unit = Double(random.next() >> 11) / Double(1 << 53)
        let updated = try await store.write { transaction -> OutboxMessage in
            let stored = try transaction.outboxMessage(id: row.id)
            // The claim's attempt number owns the lease. When it ran out and another worker claimed
            // the row (or already decided it), that worker's outcome stands: a late failure must not
            // put a sent row back to pending, nor cut short the other worker's lease. A late success
            // still marks the row sent — the message went out.
            if let stored, stored.state != .pending || (stored.attempts != row.attempts && outcome != nil) {
                return stored
            }
            var current = stored ?? row
            if let outcome {
                current.lastError = "\(outcome.code): \(outcome.reason)"
                if outcome.isTransient, current.attempts < retry.maximumAttempts {
                    current.nextAttemptAt = now.addingTimeInterval(retry.delay(afterAttempt: current.attempts, unit: unit))
                } else {
                    current.state = .failed
                    current.nextAttemptAt = nil
                }
            } else {
                current.state = .sent
                current.nextAttemptAt = nil
                current.lastError = nil
            }
            try transaction.saveOutboxMessage(current)
            return current
        }
        if let outcome {
            configuration.log(
                "outbox: \(row.channel.rawValue) \(row.id) attempt \(updated.attempts) → \(updated.state.rawValue): \(outcome.reason)")
        }
        switch updated.state {
        case .pending: return .retry
        case .sent: return .sent
        case .failed: return .failed
        }
    }

    func composeEmail(_ row: OutboxMessage) async throws -> MIMEMessage {
        let isSupervisorNotice: Bool
        switch row.event {
        case .learnerLink: return try await composeLearnerLinkEmail(row)
        case .staffSignIn: return try await composeStaffSignInEmail(row)
        case .walletTransactionCode: return try await composeWalletTransactionCodeEmail(row)
        case .complianceInvalid, .complianceReminder: return try await composeComplianceEmail(row)
        case .completionHeldForReview: return try await composeReviewNotice(row)
        case .completionPrerequisitesMissing: return try await composePrerequisitesEmail(row)
        case .credentialExpiring: return try await composeExpiryReminderEmail(row)
        case .credentialIssuedSupervisor: isSupervisorNotice = true
        case .credentialIssued, .credentialReissued: isSupervisorNotice = false
        default:
            // Webhook-only events (revocations, claims, reviews, …): nothing to mail.
            throw DeliveryError(.noEmailForEvent, "there is no email for \(row.event.rawValue)", isTransient: false)
        }
        let email = try await store.read { reading -> CertificateEmail? in
            guard let credential = try reading.credential(id: row.subjectID), let learner = try reading.learner(id: credential.learnerID),
                let program = try reading.program(id: credential.programID), let issuer = try reading.issuer()
            else { return nil }
            let score = try reading.completion(id: credential.completionID)?.event.score
            return CertificateEmail(credential: credential, learner: learner, program: program, issuer: issuer, score: score)
        }
        guard var email else {
            throw DeliveryError(.subjectMissing, "credential \(row.subjectID) or its records do not exist", isTransient: false)
        }
        let sender = sender(of: email.issuer)
        let messageID = messageID(of: row, from: sender)
        if isSupervisorNotice {
            guard let supervisor = row.recipient else {
                throw DeliveryError(.invalidAddress, "a supervisor notice without a recipient", isTransient: false)
            }
            return try email.supervisorMessage(
                from: sender, to: supervisor, language: configuration.language, messageID: messageID, date: now())
        }
        if let recipient = row.recipient { email.learner.email = recipient }
        // The learner's links carry the claim token, so their first visit can be told from anyone else's.
        email.claimToken = try await ClaimTokens(store: store, random: random).token(forCredentialID: email.credential.id)
        let templates = configuration.emailTemplates[email.program.id] ?? EmailTemplates.default.overridden(by: email.program.email)
        return try email.message(
            from: sender, templates: templates, language: configuration.language, messageID: messageID, date: now())
    }

    func webhookBody(_ row: OutboxMessage) async throws -> [UInt8] {
        // The event id receivers de-duplicate on: the row written with the change, shared by all endpoints.
        let eventID = String(row.id.prefix { $0 != "." })
        if [.credentialExpiring, .credentialExpired, .credentialFollowUp].contains(row.event) {
            return try await scheduledWebhookBody(row, eventID: eventID)
        }
        return try await store.read { reading -> [UInt8] in
            guard let issuer = try reading.issuer() else {
                throw DeliveryError(.subjectMissing, "the issuer is not set up", isTransient: false)
            }
            let credential = try reading.credential(id: row.subjectID)
            let completion = try credential.map { try reading.completion(id: $0.completionID) } ?? reading.completion(id: row.subjectID)
            guard credential != nil || completion != nil else {
                throw DeliveryError(.subjectMissing, "\(row.subjectID) is neither a credential nor a completion", isTransient: false)
            }
            let learner = try (credential?.learnerID ?? completion?.learnerID).flatMap { try reading.learner(id: $0) }
            let program = try (credential?.programID ?? completion?.event.programID).flatMap { try reading.program(id: $0) }
            return WebhookPayload.body(
                id: eventID, event: row.event.rawValue, createdAt: row.createdAt, credential: credential, completion: completion,
                learner: learner, program: program, issuer: issuer)
        }
    }
}
