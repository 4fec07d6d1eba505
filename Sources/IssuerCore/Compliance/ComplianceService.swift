import CanonicalJSON
import Foundation
import VerifiableCredentials

/// Training configurations, assignments and completions, and the live compliance certificate
/// that follows them: every change is recorded (audit) and the worker re-evaluated at once, so the
/// certificate's suspension bit always matches the training state.
public struct ComplianceService: Sendable {
    /// The store, clock, randomness and keys it works with.
    public let environment: IssuerEnvironment
    /// Who acts, for the audit trail: `cli`, `api:NAME`, `compliance-scheduler`.
    public let actor: String
    /// How a suspension made by this service begins; only such suspensions are lifted by it.
    public static let suspensionReasonPrefix = "training incomplete"

    /// A service acting as `actor`.
    public init(environment: IssuerEnvironment, actor: String) {
        self.environment = environment
        self.actor = actor
    }

    // MARK: configurations

    /// Stores a configuration (and, when it issues certificates, its program, whose version goes up
    /// when the required modules change), then re-evaluates everyone it applies to.
    @discardableResult
    public func saveConfiguration(_ configuration: TrainingConfiguration) async throws -> [ComplianceOutcome] {
        try configuration.validate()
        let recorder = try await environment.auditRecorder(actor: actor)
        try await environment.store.write { transaction in
            if configuration.issuesCertificates {
                let previous = try transaction.program(id: configuration.programID)
                if let previous, previous.template != .compliance {
                    throw IssuerError(
                        .invalidConfiguration,
                        "program \(previous.id) exists and is not a compliance program; name another certificate.program")
                }
                try transaction.saveProgram(configuration.program(replacing: previous))
            }
            try transaction.saveTrainingConfiguration(configuration)
            try recorder.record(
                "training.configuration_saved", subject: configuration.id,
                data: [
                    "group": .string(configuration.group), "modules": .array(configuration.modules.map { .string($0.id) }),
                    "certificate": .bool(configuration.issuesCertificates),
                ], in: transaction)
        }
        let workers = try await environment.store.read { try Self.workers(of: configuration.id, in: $0) }
        var outcomes: [ComplianceOutcome] = []
        for learnerID in workers { outcomes.append(try await evaluate(learnerID: learnerID, configurationID: configuration.id)) }
        return outcomes
    }

    // MARK: workers

    /// The worker with this Attest id or external id, created from `email` and `name` when unknown.
    public func worker(_ reference: String, email: String? = nil, name: String? = nil) async throws -> Learner {
        let random = environment.random
        return try await environment.store.write { transaction in
            // Workers made here are the operator's own (namespace `local`); an LMS's learner with the same
            // external id is found only when there is no local one.
            if let found = try transaction.learner(id: reference) ?? transaction.learner(namespace: .local, externalID: reference)
                ?? transaction.learner(externalID: reference)
            {
                return found
            }
            guard let email, let name else {
                throw IssuerError(.notFound, "there is no worker \(reference); give --email and --name to create one")
            }
            guard CompletionValidation.isPlausibleEmail(email) else {
                throw IssuerError(.invalidRequest, "\"\(email)\" is not a valid email address")
            }
            let learner = Learner(id: "lrn-" + random.identifier(length: 12), externalID: reference, email: email, legalName: name)
            try transaction.saveLearner(learner)
            return learner
        }
    }

    /// Makes the worker a member of the configuration's group.
    @discardableResult
    public func join(learnerID: String, configurationID: String) async throws -> ComplianceOutcome {
        try await assign(learnerID: learnerID, configurationID: configurationID, moduleID: nil)
    }

    /// Assigns one module of the configuration (or, with `moduleID` nil, the whole group) to the worker.
    @discardableResult
    public func assign(learnerID: String, configurationID: String, moduleID: String?) async throws -> ComplianceOutcome {
        let recorder = try await environment.auditRecorder(actor: actor)
        let random = environment.random
        try await environment.store.write { transaction in
            guard let configuration = try transaction.trainingConfiguration(id: configurationID) else {
                throw IssuerError(.notFound, "there is no training configuration \(configurationID)")
            }
            if let moduleID, configuration.module(moduleID) == nil {
                throw IssuerError(.notFound, "configuration \(configurationID) has no module \(moduleID)")
            }
            let existing = try transaction.trainingAssignments(learnerID: learnerID)
            if existing.contains(where: { $0.isActive && $0.configurationID == configurationID && $0.moduleID == moduleID }) { return }
            let assignment = TrainingAssignment(
                id: "asg-" + random.identifier(length: 12), learnerID: learnerID, configurationID: configurationID, moduleID: moduleID,
                assignedAt: recorder.at, assignedBy: actor)
            try transaction.saveTrainingAssignment(assignment)
            try recorder.record(
                moduleID == nil ? "training.group_joined" : "training.module_assigned", subject: learnerID,
                data: ["configuration": .string(configurationID), "module": moduleID.map(JSONValue.string) ?? .null], in: transaction)
        }
        return try await evaluate(learnerID: learnerID, configurationID: configurationID)
    }

    /// Withdraws an assignment (the module, or with `moduleID` nil the group membership); recorded, not deleted.
    @discardableResult
    public func unassign(learnerID: String, configurationID: String, moduleID: String?) async throws -> ComplianceOutcome {
        let recorder = try await environment.auditRecorder(actor: actor)
        let actor = self.actor
        try await environment.store.write { transaction in
            let matching = try transaction.trainingAssignments(learnerID: learnerID).filter {
                $0.isActive && $0.configurationID == configurationID && $0.moduleID == moduleID
            }
            guard !matching.isEmpty else {
                throw IssuerError(.notFound, "worker \(learnerID) has no such assignment in \(configurationID)")
            }
            for var assignment in matching {
                assignment.removedAt = recorder.at
                assignment.removedBy = actor
                try transaction.saveTrainingAssignment(assignment)
            }
            try recorder.record(
                "training.assignment_removed", subject: learnerID,
                data: ["configuration": .string(configurationID), "module": moduleID.map(JSONValue.string) ?? .null], in: transaction)
        }
        return try await evaluate(learnerID: learnerID, configurationID: configurationID)
    }

    /// Records that the worker completed a module at `completedAt` (default now), then re-evaluates
    /// every configuration that applies to them.
    @discardableResult
    public func complete(learnerID: String, moduleID: String, at completedAt: Date? = nil) async throws -> [ComplianceOutcome] {
        let recorder = try await environment.auditRecorder(actor: actor)
        let random = environment.random
        let actor = self.actor
        try await environment.store.write { transaction in
            guard try transaction.trainingConfigurations().contains(where: { $0.module(moduleID) != nil }) else {
                throw IssuerError(.notFound, "no training configuration has a module \(moduleID)")
            }
            let completion = TrainingCompletion(
                id: "tc-" + random.identifier(length: 12), learnerID: learnerID, moduleID: moduleID,
                completedAt: completedAt ?? recorder.at,
                recordedAt: recorder.at, recordedBy: actor)
            try transaction.saveTrainingCompletion(completion)
            try recorder.record(
                "training.module_completed", subject: learnerID,
                data: [
                    "module": .string(moduleID), "completedAt": .string(DateTimeStamp.format(completion.completedAt)),
                    "id": .string(completion.id),
                ],
                in: transaction)
        }
        return try await evaluateAll(learnerID: learnerID)
    }

    /// Removes the worker's latest completion of a module (recorded with `reason`), then re-evaluates.
    @discardableResult
    public func uncomplete(learnerID: String, moduleID: String, reason: String) async throws -> [ComplianceOutcome] {
        let recorder = try await environment.auditRecorder(actor: actor)
        let actor = self.actor
        try await environment.store.write { transaction in
            guard
                var latest = try transaction.trainingCompletions(learnerID: learnerID).filter({ $0.isActive && $0.moduleID == moduleID })
                    .last
            else { throw IssuerError(.notFound, "worker \(learnerID) has no completion of \(moduleID) to remove") }
            latest.removedAt = recorder.at
            latest.removedBy = actor
            latest.removalReason = reason
            try transaction.saveTrainingCompletion(latest)
            try recorder.record(
                "training.completion_removed", subject: learnerID,
                data: ["module": .string(moduleID), "id": .string(latest.id), "reason": .string(reason)], in: transaction)
        }
        return try await evaluateAll(learnerID: learnerID)
    }

    /// The worker's state in every configuration that applies to them, at the environment's now.
    public func states(learnerID: String) async throws -> [ComplianceState] {
        let now = environment.now()
        return try await environment.store.read { reading in
            let assignments = try reading.trainingAssignments(learnerID: learnerID)
            let completions = try reading.trainingCompletions(learnerID: learnerID)
            let ids = Set(assignments.filter(\.isActive).map(\.configurationID))
            return try reading.trainingConfigurations().filter { ids.contains($0.id) }.map {
                ComplianceState.evaluate(
                    configuration: $0, learnerID: learnerID, assignments: assignments, completions: completions, now: now)
            }
        }
    }
}
