import CanonicalJSON
import Foundation
import VerifiableCredentials

/// A worker's live training state in every configuration that applies to them, with their
/// compliance certificate in each: what `attest training show` prints and `GET /api/v1/workers/{id}` returns.
public struct WorkerTrainingDocument: Sendable {
    /// One configuration.
    public struct Entry: Sendable {
        /// The configuration.
        public var configuration: TrainingConfiguration
        /// The worker's live state in it.
        public var state: ComplianceState
        /// The worker's current compliance certificate in it, if any (without its files).
        public var credential: CredentialRecordSummary?
    }

    /// The worker.
    public var learner: Learner
    /// One entry per configuration that applies to the worker.
    public var entries: [Entry]
    /// Every completion, removed ones included: the whole history.
    public var completions: [TrainingCompletion]
    /// Every assignment, withdrawn ones included.
    public var assignments: [TrainingAssignment]
    /// The moment judged.
    public var evaluatedAt: Date

    /// The document of a worker at the environment's now.
    public static func make(learnerID: String, environment: IssuerEnvironment) async throws -> WorkerTrainingDocument {
        let now = environment.now()
        return try await environment.store.read { reading in
            guard let learner = try reading.learner(id: learnerID) else { throw IssuerError(.notFound, "there is no worker \(learnerID)") }
            let assignments = try reading.trainingAssignments(learnerID: learnerID)
            let completions = try reading.trainingCompletions(learnerID: learnerID)
            let ids = Set(assignments.filter(\.isActive).map(\.configurationID))
            let entries = try reading.trainingConfigurations().filter { ids.contains($0.id) }.map { configuration in
                Entry(
                    configuration: configuration,
                    state: ComplianceState.evaluate(
                        configuration: configuration, learnerID: learnerID, assignments: assignments, completions: completions, now: now),
                    credential: configuration.issuesCertificates
                        ? try reading.currentCredentialSummary(learnerID: learnerID, programID: configuration.programID) : nil)
            }
            return WorkerTrainingDocument(
                learner: learner, entries: entries, completions: completions, assignments: assignments, evaluatedAt: now)
        }
    }

    /// The JSON form (`Spec/openapi.yaml`, `WorkerTraining`).
    public var json: JSONValue {
        func date(_ value: Date?) -> JSONValue { value.map { .string(DateTimeStamp.format($0)) } ?? .null }
        let configurations: [JSONValue] = entries.map { entry in
            var object: JSONObject = [
                "id": .string(entry.configuration.id), "group": .string(entry.configuration.group),
                "status": .string(entry.state.isValid ? "VALID" : "INVALID"), "nextChangeAt": date(entry.state.nextChangeAt),
                "modules": .array(
                    entry.state.modules.map { module in
                        [
                            "id": .string(module.id), "name": .string(module.name), "state": .string(module.state.rawValue),
                            "completedAt": date(module.completedAt), "expiresAt": date(module.expiresAt),
                        ]
                    }),
            ]
            object["credential"] =
                entry.credential.map { ["id": .string($0.id), "state": .string($0.state.rawValue)] as JSONValue } ?? .null
            return .object(object)
        }
        return [
            "id": .string(learner.id), "externalID": .string(learner.externalID), "name": .string(learner.legalName),
            "email": .string(learner.email), "evaluatedAt": .string(DateTimeStamp.format(evaluatedAt)),
            "configurations": .array(configurations),
            "completions": .array(
                completions.map { completion in
                    [
                        "id": .string(completion.id), "module": .string(completion.moduleID), "completedAt": date(completion.completedAt),
                        "recordedBy": .string(completion.recordedBy), "removedAt": date(completion.removedAt),
                        "removalReason": completion.removalReason.map(JSONValue.string) ?? .null,
                    ]
                }),
            "assignments": .array(
                assignments.map { assignment in
                    [
                        "id": .string(assignment.id), "configuration": .string(assignment.configurationID),
                        "module": assignment.moduleID.map(JSONValue.string) ?? .null, "assignedAt": date(assignment.assignedAt),
                        "removedAt": date(assignment.removedAt),
                    ]
                }),
        ]
    }
}
