import CanonicalJSON
import Foundation

extension ComplianceService {
    /// The outbox event of the email telling a worker what training is missing.
    public static let invalidEmailEvent = OutboxEvent.complianceInvalid
    /// The outbox event of the email reminding a worker that a module expires soon.
    public static let reminderEmailEvent = OutboxEvent.complianceReminder

    /// Evaluates every worker whose next change is due at the environment's now (one scheduler tick).
    public func evaluateDue() async -> [ComplianceOutcome] {
        await ComplianceScheduler(environment: environment, interval: .seconds(60)).tick()
    }

    /// Evaluates the worker in every configuration they are, or were, assigned to.
    public func evaluateAll(learnerID: String) async throws -> [ComplianceOutcome] {
        let ids = try await environment.store.read { Set(try $0.trainingAssignments(learnerID: learnerID).map(\.configurationID)) }
        var outcomes: [ComplianceOutcome] = []
        for id in ids.sorted() { outcomes.append(try await evaluate(learnerID: learnerID, configurationID: id)) }
        return outcomes
    }

    /// Judges the worker now and brings the certificate in line: issue when first compliant,
    /// suspend when a module is missing or expired, reinstate when it is done again, reissue only
    /// when the required modules differ from what the certificate signs. Then queues the
    /// "what is missing" email on a change to invalid, expiry reminders, and the next check.
    @discardableResult
    public func evaluate(learnerID: String, configurationID: String) async throws -> ComplianceOutcome {
        let now = environment.now()
        let snapshot = try await environment.store.read { reading -> ComplianceSnapshot in
            guard let configuration = try reading.trainingConfiguration(id: configurationID) else {
                throw IssuerError(.notFound, "there is no training configuration \(configurationID)")
            }
            return try ComplianceSnapshot.read(learnerID: learnerID, configuration: configuration, from: reading)
        }
        let state = snapshot.state(learnerID: learnerID, now: now)
        var action = ComplianceOutcome.Action.none
        var credentialID = snapshot.credential?.id
        if snapshot.configuration.issuesCertificates {
            (action, credentialID) = try await alignCertificate(state: state, snapshot: snapshot)
        }
        let reminders = try await recordEvaluation(state, configuration: snapshot.configuration)
        return ComplianceOutcome(state: state, action: action, credentialID: credentialID, remindersQueued: reminders)
    }

    private func alignCertificate(state: ComplianceState, snapshot: ComplianceSnapshot) async throws -> (ComplianceOutcome.Action, String?)
    {
        let changes = CredentialChanges(environment: environment, actor: actor)
        switch Self.certificateStep(state: state, snapshot: snapshot) {
        case .issue:
            let id = try await issue(state: state, configuration: snapshot.configuration, superseding: nil)
            return (.issued(credentialID: id), id)
        case .finishPending(let credential):
            try await IssuancePipeline(environment: environment, actor: actor).finish(credentialID: credential.id)
            return (.none, credential.id)
        case .suspend(let credential):
            try await ignoringRaces { try await changes.suspend(credential.id, reason: Self.suspensionReason(state)) }
            return (.suspended(credentialID: credential.id), credential.id)
        case .reissue(let credential):
            let id = try await issue(state: state, configuration: snapshot.configuration, superseding: credential)
            return (.reissued(oldID: credential.id, newID: id), id)
        case .reinstate(let credential):
            try await ignoringRaces { try await changes.reinstate(credential.id) }
            return (.reinstated(credentialID: credential.id), credential.id)
        case .none:
            return (.none, snapshot.credential?.id)
        }
    }

    /// What an evaluation does to the certificate, decided from the snapshot alone (no writes), so
    /// ``plannedCertificates(for:)`` counts with the very decision ``evaluate(learnerID:configurationID:)`` acts on.
    static func certificateStep(state: ComplianceState, snapshot: ComplianceSnapshot) -> CertificateStep {
        let requirementChanged = Set(snapshot.signedModules) != Set(state.requiredModuleIDs)
        guard let credential = snapshot.credential else { return state.isValid ? .issue : .none }
        switch credential.state {
        case .pending: return .finishPending(credential)
        case .active where !state.isValid: return .suspend(credential)
        case .active where requirementChanged, .suspended where state.isValid && requirementChanged && isOurs(credential):
            return .reissue(credential)
        case .suspended where state.isValid && isOurs(credential): return .reinstate(credential)
        default:
            // Valid and active; invalid and already suspended; or revoked or suspended by a person: theirs to undo.
            return .none
        }
    }

    private static func isOurs(_ credential: CredentialRecord) -> Bool {
        credential.stateReason?.hasPrefix(Self.suspensionReasonPrefix) ?? false
    }

    /// `training incomplete: Electrical safety (expired), Lockout/tagout (missing)`.
    static func suspensionReason(_ state: ComplianceState) -> String {
        let unmet = state.unmet.map { "\($0.name) (\($0.state.rawValue))" }
        return "\(suspensionReasonPrefix): " + (unmet.isEmpty ? "not assigned to the group" : unmet.joined(separator: ", "))
    }

    /// Another process (the CLI beside `attest serve`) may have made the same change a moment earlier.
    private func ignoringRaces(_ change: () async throws -> Void) async throws {
        do { try await change() } catch let error as IssuerError where error.code == .invalidState {}
    }

    /// Saves the watch and, inside the same transaction (so two processes never both send one),
    /// queues the "what is missing" email when the worker just became non-compliant and a reminder
    /// for each module newly inside its reminder window. Returns how many reminders were queued.
    private func recordEvaluation(_ state: ComplianceState, configuration: TrainingConfiguration) async throws -> Int {
        let recorder = try await environment.auditRecorder(actor: actor)
        let random = environment.random
        return try await environment.store.write { transaction in
            guard let learner = try transaction.learner(id: state.learnerID) else {
                throw IssuerError(.notFound, "there is no worker \(state.learnerID)")
            }
            let previous = try transaction.complianceWatch(learnerID: state.learnerID, configurationID: configuration.id)
            var watch =
                previous
                ?? ComplianceWatch(
                    learnerID: state.learnerID, configurationID: configuration.id, nextCheckAt: nil, valid: false, updatedAt: recorder.at)
            let subject = "\(configuration.id)/\(state.learnerID)"
            func queueEmail(_ event: OutboxEvent) throws {
                try transaction.saveOutboxMessage(
                    OutboxMessage(
                        id: "out-" + random.identifier(length: 12), channel: .email, event: event, subjectID: subject,
                        recipient: learner.email, createdAt: recorder.at))
            }
            if previous == nil || previous?.valid != state.isValid {
                try recorder.record(
                    state.isValid ? "compliance.valid" : "compliance.invalid", subject: subject,
                    data: ["unmet": .array(state.unmet.map { .string("\($0.id) (\($0.state.rawValue))") })], in: transaction)
                if previous?.valid == true, !state.isValid, state.applies { try queueEmail(Self.invalidEmailEvent) }
            }
            var reminders = 0
            for module in state.modules where module.state == .expiring {
                guard let completionID = module.completionID, !watch.remindedCompletionIDs.contains(completionID) else { continue }
                try queueEmail(Self.reminderEmailEvent)
                watch.remindedCompletionIDs.append(completionID)
                reminders += 1
            }
            watch.valid = state.isValid
            watch.nextCheckAt = state.nextChangeAt
            watch.updatedAt = recorder.at
            try transaction.saveComplianceWatch(watch)
            return reminders
        }
    }
}

/// What an evaluation reads, in one snapshot.
struct ComplianceSnapshot: Sendable {
    let configuration: TrainingConfiguration
    let assignments: [TrainingAssignment]
    let completions: [TrainingCompletion]
    let credential: CredentialRecord?
    let signedModules: [String]

    /// The worker's assignments, completions and current certificate under `configuration`
    /// (stored, or proposed and not saved yet).
    static func read(learnerID: String, configuration: TrainingConfiguration, from reading: any IssuerReading) throws -> ComplianceSnapshot
    {
        let credential =
            try configuration.issuesCertificates ? reading.currentCredential(learnerID: learnerID, programID: configuration.programID) : nil
        let signed = try credential.flatMap { try reading.completion(id: $0.completionID) }?.event.modules.map(\.id)
        return ComplianceSnapshot(
            configuration: configuration, assignments: try reading.trainingAssignments(learnerID: learnerID),
            completions: try reading.trainingCompletions(learnerID: learnerID), credential: credential, signedModules: signed ?? [])
    }

    /// The state it gives at `now`.
    func state(learnerID: String, now: Date) -> ComplianceState {
        ComplianceState.evaluate(
            configuration: configuration, learnerID: learnerID, assignments: assignments, completions: completions, now: now)
    }
}

/// What one evaluation will do to a worker's certificate.
enum CertificateStep: Sendable {
    case none
    /// Issue a first certificate.
    case issue
    /// Finish the issuance of a reserved one.
    case finishPending(CredentialRecord)
    case suspend(CredentialRecord)
    /// Replace it: the required modules differ from what it signs.
    case reissue(CredentialRecord)
    case reinstate(CredentialRecord)
}
