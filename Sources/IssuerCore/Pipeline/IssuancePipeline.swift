import CanonicalJSON
import Foundation
import VerifiableCredentials

/// The way of a completion: intake and decision in one transaction, then the credential is built,
/// signed, rendered and stored in a second. Between the two the credential is `pending`; anything
/// pending after a crash is finished by ``finishPending()`` with exactly the same result.
public struct IssuancePipeline: Sendable {
    public let environment: IssuerEnvironment
    /// Who is acting, for the audit trail: `cli`, `api:NAME`, `system`.
    public let actor: String
    /// Whose learners intake finds and creates (``LearnerNamespace``): `api:NAME` for an API key,
    /// `local` for the operator's own tools.
    public let namespace: LearnerNamespace
    private let rules = CompletionRulesEngine()

    /// A pipeline acting as `actor`, reporting learners of `namespace`.
    public init(environment: IssuerEnvironment, actor: String, namespace: LearnerNamespace = .local) {
        self.environment = environment
        self.actor = actor
        self.namespace = namespace
    }

    /// How an event arrives, which decides what happens to one with invalid learner data or naming
    /// a program that does not exist (Spec/workflow.md, the error table).
    public enum Channel: Sendable {
        /// Reported by a system (an LMS over the API, Moodle): such an event is kept for a person
        /// (``IntakeOutcome/parked(completionID:state:reason:)``), never refused.
        case report
        /// Handed in by a person issuing directly (`attest issue`, `POST /api/v1/credentials`, an
        /// import): refused at once with the reason (`invalidEvent`, `unknownProgram`), nothing stored.
        case direct
    }

    /// Takes in one completion: checks its shape, stores it with the decision (unless it is a
    /// replay), and for an issue decision reserves the credential and its status indexes. An event
    /// nothing may decide yet — invalid learner data or a program that does not exist (reported
    /// ones only, see ``Channel``), a disabled program, a course no program maps — is kept.
    public func intake(_ event: CompletionEvent, channel: Channel = .report) async throws -> IntakeOutcome {
        try CompletionValidation.validateShape(event)
        let recorder = try await environment.auditRecorder(actor: actor)
        let random = environment.random
        let rules = self.rules
        let namespace = self.namespace
        return try await environment.store.write { transaction in
            if channel == .direct { try Self.refuseUndecidable(event, in: transaction) }
            return try Self.intake(event, namespace: namespace, rules: rules, random: random, recorder: recorder, in: transaction)
        }
    }

    /// Refuses, for a person handing an event in directly, what a report would keep: invalid
    /// learner data (`invalidEvent`) and, unless it replays a stored completion, a program that
    /// does not exist (`unknownProgram`).
    static func refuseUndecidable(_ event: CompletionEvent, in transaction: any IssuerTransaction) throws {
        if let problem = CompletionValidation.learnerProblems(event).first { throw IssuerError(.invalidEvent, problem) }
        if try transaction.completion(source: event.source, eventID: event.eventID) == nil, !event.programID.isEmpty,
            try transaction.program(id: event.programID) == nil
        {
            throw IssuerError(.unknownProgram, "there is no program \"\(event.programID)\"; add it with attest programs add")
        }
    }

    /// Takes in many completions in one transaction (an import: one commit instead of one per row).
    /// Each event gets the outcome ``intake(_:channel:)`` would give it handed in ``Channel/direct``
    /// (the person importing sees a refused row at once, in the dry run and the not-issued CSV), or
    /// the error that refused it having written nothing. Any other failure rolls back the batch.
    public func intake(batch events: [CompletionEvent]) async throws -> [Result<IntakeOutcome, IssuerError>] {
        let recorder = try await environment.auditRecorder(actor: actor)
        let random = environment.random
        let rules = self.rules
        let namespace = self.namespace
        return try await environment.store.write { transaction in
            var outcomes: [Result<IntakeOutcome, IssuerError>] = []
            for event in events {
                do {
                    try CompletionValidation.validateShape(event)
                    try Self.refuseUndecidable(event, in: transaction)
                } catch let error as IssuerError {
                    outcomes.append(.failure(error))
                    continue
                }
                outcomes.append(
                    .success(
                        try Self.intake(event, namespace: namespace, rules: rules, random: random, recorder: recorder, in: transaction)))
            }
            return outcomes
        }
    }

    /// One event inside a transaction: a replay is answered, anything else stored with its decision.
    /// The learner is looked up in `namespace` only; what the event says about them (email, names)
    /// is taken only when the completion is accepted (see ``acceptLearnerDetails(_:of:recorder:in:)``).
    static func intake(
        _ event: CompletionEvent, namespace: LearnerNamespace, rules: CompletionRulesEngine, random: any RandomSource,
        recorder: AuditRecorder, in transaction: any IssuerTransaction
    ) throws -> IntakeOutcome {
        let now = recorder.at
        if let existing = try transaction.completion(source: event.source, eventID: event.eventID) {
            return .duplicate(completionID: existing.id, state: existing.state)
        }
        let admission = try Self.admission(of: event, namespace: namespace, random: random, recorder: recorder, in: transaction)
        let event: CompletionEvent
        let program: Program
        switch admission {
        case .kept(let outcome): return outcome
        case .decide(let admitted, let found): (event, program) = (admitted, found)
        }
        if let shadowed = try Self.intakeInShadow(
            event, program: program, namespace: namespace, rules: rules, random: random, recorder: recorder, in: transaction)
        {
            return shadowed
        }
        var learner = try Self.findOrCreateLearner(event.learner, namespace: namespace, random: random, in: transaction)
        let held = Set(
            try transaction.credentialSummaries(filter: CredentialFilter(learnerID: learner.id, states: [.active]))
                .filter { $0.validUntil.map { $0 > now } ?? true }.map(\.programID))
        var decision = rules.decide(event, program: program, heldPrograms: held)
        let validUntil = program.validity.map { $0.added(to: event.completedAt) }
        if case .issue = decision, let validUntil, validUntil <= now {
            decision = .reject(reasons: [
                "completed on \(DateTimeStamp.format(event.completedAt)): a credential valid for \(program.validity!) would already have expired"
            ])
        }
        decision = try Self.checkingScoreDiscrepancy(decision, of: event, learnerID: learner.id, programID: program.id, in: transaction)
        let completion = CompletionRecord(
            id: "cmp-" + random.identifier(length: 12), event: event, learnerID: learner.id, receivedAt: now,
            state: decision.completionState, reasons: decision.reasons)
        try transaction.insertCompletion(completion)
        try recorder.record(
            "completion.received", subject: completion.id,
            data: [
                "source": .string(event.source), "eventID": .string(event.eventID), "program": .string(program.id),
                "learner": .string(learner.id),
            ],
            in: transaction)
        try recorder.record(
            "completion.decided", subject: completion.id,
            data: Self.decisionData(decision, event: event, program: program), in: transaction)
        switch decision {
        case .reject(let reasons):
            if !CompletionRulesEngine.missingPrerequisites(in: reasons).isEmpty {
                // The learner is told what is missing (Spec/workflow.md, the error table).
                try transaction.saveOutboxMessage(
                    OutboxMessage(
                        id: "out-" + random.identifier(length: 12), channel: .email, event: .completionPrerequisitesMissing,
                        subjectID: completion.id, recipient: event.learner.email, createdAt: now))
            }
            return .rejected(completionID: completion.id, reasons: reasons)
        case .review(let reasons):
            try transaction.saveOutboxMessage(
                OutboxMessage(
                    id: "out-" + random.identifier(length: 12), channel: .webhook, event: .completionHeldForReview,
                    subjectID: completion.id, recipient: nil, createdAt: now))
            try ReviewNotice.queue(
                completionID: completion.id, recipients: ReviewNotice.recipients(among: try transaction.staffMembers()), random: random,
                now: now, in: transaction)
            return .held(completionID: completion.id, reasons: reasons)
        case .issue:
            learner = try Self.acceptLearnerDetails(event.learner, of: learner, recorder: recorder, in: transaction)
            if let current = try transaction.currentCredentialSummary(learnerID: learner.id, programID: program.id) {
                return .alreadyHeld(completionID: completion.id, credentialID: current.id)
            }
            if let dueAt = try Self.scheduleDelayedIssuance(completion, program: program, random: random, now: now, in: transaction) {
                return .scheduled(completionID: completion.id, dueAt: dueAt)
            }
            let credentialID = try Self.reserveCredential(
                completion: completion, program: program, learnerID: learner.id, validUntil: validUntil, random: random, now: now,
                recorder: recorder,
                in: transaction)
            try Self.enterCheckList(
                credentialID: credentialID, programID: program.id, learnerID: learner.id, random: random, recorder: recorder,
                in: transaction)
            return .issued(completionID: completion.id, credentialID: credentialID)
        }
    }

    /// The credential record for an issue decision, pending, with random unused status indexes.
    static func reserveCredential(
        completion: CompletionRecord, program: Program, learnerID: String, validUntil: Date?, supersedes: String? = nil,
        random: any RandomSource,
        now: Date, recorder: AuditRecorder, in transaction: any IssuerTransaction
    ) throws -> String {
        let allocator = StatusIndexAllocator(random: random, now: now)
        let revocation = try allocator.allocate(purpose: .revocation, in: transaction)
        let suspension = try allocator.allocate(purpose: .suspension, in: transaction)
        // Only a list that has never been signed is read whole (to sign it), not every list every time.
        let unpublished = [revocation, suspension].filter { !$0.isPublished }.map(\.list)
        try publishNewLists(unpublished, recorder: recorder, in: transaction)
        var id = random.identifier(length: 8)
        while try transaction.credentialSummary(id: id) != nil { id = random.identifier(length: 8) }
        let record = CredentialRecord(
            id: id, learnerID: learnerID, programID: program.id, programVersion: program.version, completionID: completion.id,
            issuedAt: now, validUntil: validUntil, state: .pending, revocationList: revocation.list, revocationIndex: revocation.index,
            suspensionList: suspension.list, suspensionIndex: suspension.index, supersedes: supersedes)
        try transaction.insertCredential(record)
        try recorder.record(
            "credential.reserved", subject: id,
            data: [
                "completion": .string(completion.id), "revocation": .string("\(revocation.list)#\(revocation.index)"),
                "suspension": .string("\(suspension.list)#\(suspension.index)"),
            ], in: transaction)
        return id
    }

    /// Signs a list the first time a credential points to it, so its status URL answers at once.
    private static func publishNewLists(_ ids: [String], recorder: AuditRecorder, in transaction: any IssuerTransaction) throws {
        for id in ids {
            guard let list = try transaction.statusList(id: id), list.signedCredentialJSON == nil else { continue }
            guard let issuer = try transaction.issuer() else { throw IssuerError(.notInitialized, "the issuer is not set up") }
            try StatusListPublisher(issuer: issuer, signingKeyID: recorder.keyID, signingKey: recorder.key, now: recorder.at).republish(
                list, in: transaction)
        }
    }

    private static func decisionData(_ decision: Decision, event: CompletionEvent, program: Program) -> JSONValue {
        var data: JSONObject = [
            "decision": .string(decision.kind.rawValue), "reasons": .array(decision.reasons.map(JSONValue.string)),
            "programVersion": .number(Double(program.version)),
            "modules": .array(event.modules.map { .string($0.exempt ? "\($0.id) (exempt)" : $0.id) }),
        ]
        if let score = event.score { data["score"] = .number(score) }
        if let minutes = event.minutes { data["minutes"] = .number(minutes) }
        return .object(data)
    }
}
