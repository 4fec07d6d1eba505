import CanonicalJSON
import Foundation
import VerifiableCredentials

/// Revoke, suspend, reinstate and reissue: each flips the right status bit, re-signs the list,
/// and is audited and announced (outbox) in one transaction.
public struct CredentialChanges: Sendable {
    public let environment: IssuerEnvironment
    public let actor: String

    /// Changes made by `actor`.
    public init(environment: IssuerEnvironment, actor: String) {
        self.environment = environment
        self.actor = actor
    }

    /// Revokes a credential for good.
    @discardableResult
    public func revoke(_ id: String, reason: String) async throws -> CredentialRecord {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw IssuerError(.invalidRequest, "a revocation needs a reason")
        }
        return try await change(id, event: .credentialRevoked, data: ["reason": .string(reason)]) { record, context in
            guard [.active, .suspended].contains(record.state) else { throw context.invalidState(record, "revoked") }
            record.state = .revoked
            record.stateReason = reason
            try context.markRevoked(record)
        }
    }

    /// Suspends a credential until it is reinstated.
    @discardableResult
    public func suspend(_ id: String, reason: String?) async throws -> CredentialRecord {
        try await change(id, event: .credentialSuspended, data: reason.map { ["reason": .string($0)] } ?? [:]) { record, context in
            guard record.state == .active else { throw context.invalidState(record, "suspended") }
            record.state = .suspended
            record.stateReason = reason
            try context.markSuspended(record, true)
        }
    }

    /// Lifts a suspension; `reason`, when given, is kept in the audit entry.
    @discardableResult
    public func reinstate(_ id: String, reason: String? = nil) async throws -> CredentialRecord {
        try await change(id, event: .credentialReinstated, data: reason.map { ["reason": .string($0)] } ?? [:]) { record, context in
            guard record.state == .suspended else { throw context.invalidState(record, "reinstated") }
            record.state = .active
            record.stateReason = nil
            try context.markSuspended(record, false)
        }
    }

    /// Issues a new version of a credential (optionally with a new certificate name) and revokes
    /// the old one as superseded; the old verification page then links to the new one. `reason`,
    /// when given, is kept in the `credential.superseded` audit entry. A credential not in
    /// `allowedStates` when the transaction reads it is refused (`invalidState`), so a bulk reissue
    /// that lists first and acts later never reissues one that changed in between.
    public func reissue(
        _ id: String, newName: String? = nil, reason: String? = nil, allowedStates: Set<CredentialState> = [.active, .suspended]
    ) async throws -> CredentialRecord {
        // The same rules as a completion's names, checked before anything changes.
        if let newName { try CompletionValidation.requireText(newName, "new name", maximum: 300, code: .invalidRequest) }
        let random = environment.random
        let signing = try await environment.activeSigningKey()
        let recorder = AuditRecorder(keyID: signing.record.id, key: signing.key, actor: actor, at: environment.now())
        let newID = try await environment.store.write { transaction in
            guard var old = try transaction.credential(id: id) else { throw IssuerError(.notFound, "there is no credential \(id)") }
            guard allowedStates.contains(old.state) else {
                throw IssuerError(.invalidState, "credential \(id) is \(old.state.rawValue) and cannot be reissued")
            }
            guard let program = try transaction.program(id: old.programID),
                let completion = try transaction.completion(id: old.completionID),
                var learner = try transaction.learner(id: old.learnerID), let issuer = try transaction.issuer()
            else { throw IssuerError(.inconsistentStore, "credential \(id) refers to records that do not exist") }
            if let newName {
                learner.preferredName = newName
                try transaction.saveLearner(learner)
            }
            let context = ChangeContext(
                transaction: transaction,
                publisher: StatusListPublisher(issuer: issuer, signingKeyID: signing.record.id, signingKey: signing.key, now: recorder.at))
            old.state = .superseded
            old.stateReason = "superseded"
            try context.markRevoked(old)
            try transaction.updateCredential(old)
            let newID = try IssuancePipeline.reserveCredential(
                completion: completion, program: program, learnerID: learner.id, validUntil: old.validUntil, supersedes: old.id,
                random: random,
                now: recorder.at, recorder: recorder, in: transaction)
            old.supersededBy = newID
            try transaction.updateCredential(old)
            var data: JSONObject = ["by": .string(newID)]
            if let reason { data["reason"] = .string(reason) }
            try recorder.record("credential.superseded", subject: old.id, data: .object(data), in: transaction)
            return newID
        }
        return try await IssuancePipeline(environment: environment, actor: actor).finish(credentialID: newID)
    }

    /// Queues the certificate email again, to the learner or to another address.
    public func resend(_ id: String, to address: String? = nil) async throws -> OutboxMessage {
        if let address, !CompletionValidation.isPlausibleEmail(address) {
            throw IssuerError(.invalidRequest, "\"\(address)\" is not a valid email address")
        }
        let recorder = try await environment.auditRecorder(actor: actor)
        let random = environment.random
        return try await environment.store.write { transaction in
            guard let record = try transaction.credential(id: id) else { throw IssuerError(.notFound, "there is no credential \(id)") }
            guard record.state == .active else {
                throw IssuerError(.invalidState, "credential \(id) is \(record.state.rawValue); only active credentials are sent")
            }
            guard let recipient = try address ?? transaction.learner(id: record.learnerID)?.email else {
                throw IssuerError(.inconsistentStore, "credential \(id) has no learner")
            }
            let message = OutboxMessage(
                id: "out-" + random.identifier(length: 12), channel: .email, event: .credentialIssued, subjectID: id, recipient: recipient,
                createdAt: recorder.at)
            try transaction.saveOutboxMessage(message)
            try recorder.record("credential.resent", subject: id, data: ["to": .string(recipient)], in: transaction)
            return message
        }
    }

    /// Re-signs every status list (to renew them before they expire, or for `status-lists publish`).
    public func republishStatusLists() async throws -> [StatusListRecord] {
        let signing = try await environment.activeSigningKey()
        let now = environment.now()
        return try await environment.store.write { transaction in
            guard let issuer = try transaction.issuer() else { throw IssuerError(.notInitialized, "the issuer is not set up") }
            let publisher = StatusListPublisher(issuer: issuer, signingKeyID: signing.record.id, signingKey: signing.key, now: now)
            for list in try transaction.statusLists(purpose: nil) { try publisher.republish(list, in: transaction) }
            return try transaction.statusLists(purpose: nil)
        }
    }

    private func change(
        _ id: String, event: OutboxEvent, data: JSONObject, _ apply: @escaping @Sendable (inout CredentialRecord, ChangeContext) throws -> Void
    ) async throws -> CredentialRecord {
        let signing = try await environment.activeSigningKey()
        let recorder = AuditRecorder(keyID: signing.record.id, key: signing.key, actor: actor, at: environment.now())
        let random = environment.random
        return try await environment.store.write { transaction in
            guard var record = try transaction.credential(id: id) else { throw IssuerError(.notFound, "there is no credential \(id)") }
            guard let issuer = try transaction.issuer() else { throw IssuerError(.notInitialized, "the issuer is not set up") }
            let context = ChangeContext(
                transaction: transaction,
                publisher: StatusListPublisher(issuer: issuer, signingKeyID: signing.record.id, signingKey: signing.key, now: recorder.at))
            try apply(&record, context)
            try transaction.updateCredential(record)
            try recorder.record(event.rawValue, subject: id, data: .object(data), in: transaction)
            try transaction.saveOutboxMessage(
                OutboxMessage(
                    id: "out-" + random.identifier(length: 12), channel: .webhook, event: event, subjectID: id, recipient: nil,
                    createdAt: recorder.at))
            return record
        }
    }
}

/// What a change needs inside its transaction.
struct ChangeContext {
    let transaction: any IssuerTransaction
    let publisher: StatusListPublisher

    func setBit(list listID: String, index: Int, to value: Bool) throws {
        guard var list = try transaction.statusList(id: listID) else {
            throw IssuerError(.inconsistentStore, "status list \(listID) does not exist")
        }
        try list.setStatus(value, at: index)
        try publisher.republish(list, in: transaction)
    }

    func invalidState(_ record: CredentialRecord, _ verb: String) -> IssuerError {
        IssuerError(.invalidState, "credential \(record.id) is \(record.state.rawValue) and cannot be \(verb)")
    }
}
