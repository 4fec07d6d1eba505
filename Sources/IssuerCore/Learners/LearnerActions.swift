import CanonicalJSON
import Foundation

/// What staff do to a learner and their certificates, the same operations for the console, the
/// admin API and the CLI, each audited under `actor` (the console passes the signed-in staff
/// member, the API `api:NAME`): send a certificate again, correct the printed name (reissue),
/// change the email address, revoke, suspend, reinstate, and print the training history.
public struct LearnerActions: Sendable {
    /// The store, clock, keys and document maker.
    public let environment: IssuerEnvironment
    /// Who acts, as the audit chain records it.
    public let actor: String

    /// Actions by `actor`.
    public init(environment: IssuerEnvironment, actor: String) {
        self.environment = environment
        self.actor = actor
    }

    private var changes: CredentialChanges { CredentialChanges(environment: environment, actor: actor) }

    /// Queues the certificate email of an active credential again, to the learner's address or to
    /// `address` (audited `credential.resent` with the address).
    public func resendCertificate(_ credentialID: String, to address: String? = nil) async throws -> OutboxMessage {
        try await changes.resend(credentialID, to: address.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Corrects the name printed on a credential: a new version carrying `name` is issued (its page
    /// and PDF show it), the old one says superseded, and the learner's certificate name becomes
    /// `name`. Returns the new version.
    public func correctName(_ credentialID: String, to name: String, reason: String) async throws -> CredentialRecord {
        try Self.requireReason(reason)
        return try await changes.reissue(credentialID, newName: name, reason: reason)
    }

    /// Revokes a credential for good.
    public func revoke(_ credentialID: String, reason: String) async throws -> CredentialRecord {
        try Self.requireReason(reason)
        return try await changes.revoke(credentialID, reason: reason)
    }

    /// Suspends a credential until it is reinstated.
    public func suspend(_ credentialID: String, reason: String) async throws -> CredentialRecord {
        try Self.requireReason(reason)
        return try await changes.suspend(credentialID, reason: reason)
    }

    /// Lifts a suspension.
    public func reinstate(_ credentialID: String, reason: String) async throws -> CredentialRecord {
        try Self.requireReason(reason)
        return try await changes.reinstate(credentialID, reason: reason)
    }

    /// Moves a learner to a new email address, where their certificates are sent from now on
    /// (audited `learner.emailChanged` with the old and new address and the reason). Issued
    /// credentials are not changed.
    @discardableResult
    public func changeEmail(learnerID: String, to address: String, reason: String) async throws -> Learner {
        try Self.requireReason(reason)
        guard CompletionValidation.isPlausibleEmail(address) else {
            throw IssuerError(.invalidRequest, "\"\(address)\" is not a valid email address")
        }
        let recorder = try await environment.auditRecorder(actor: actor)
        return try await environment.store.write { transaction in
            guard var learner = try transaction.learner(id: learnerID) else {
                throw IssuerError(.notFound, "there is no learner \(learnerID)")
            }
            guard learner.email != address else { return learner }
            try recorder.record(
                "learner.emailChanged", subject: learner.id,
                data: [
                    "old": .string(learner.email), "new": .string(address), "namespace": .string(learner.namespace.rawValue),
                    "reason": .string(reason),
                ],
                in: transaction)
            learner.email = address
            try transaction.saveLearner(learner)
            return learner
        }
    }

    /// The training history PDF of a worker under one configuration (every completion, on as many
    /// pages as it takes), audited `learner.historyPrinted`: who printed a person's record is kept.
    public func trainingHistoryPDF(learnerID: String, configurationID: String) async throws -> [UInt8] {
        let pdf = try await TrainingHistoryDocument(environment: environment).pdf(learnerID: learnerID, configurationID: configurationID)
        let recorder = try await environment.auditRecorder(actor: actor)
        try await environment.store.write { transaction in
            try recorder.record(
                "learner.historyPrinted", subject: learnerID, data: ["configuration": .string(configurationID)], in: transaction)
        }
        return pdf
    }

    /// A reason is what a person typed to say why; blank is not one.
    static func requireReason(_ reason: String) throws(IssuerError) {
        try CompletionValidation.requireText(reason, "reason", maximum: 1000, code: .invalidRequest)
    }
}
