import Foundation

/// The compliance tables of ``InMemoryIssuerStore``.
struct InMemoryComplianceState: Sendable {
    var configurations: [String: TrainingConfiguration] = [:]
    var assignments: [String: TrainingAssignment] = [:]
    var completions: [String: TrainingCompletion] = [:]
    var watches: [String: ComplianceWatch] = [:]
}

extension InMemoryTransaction {
    func trainingConfiguration(id: String) -> TrainingConfiguration? { state.compliance.configurations[id] }
    func trainingConfigurations() -> [TrainingConfiguration] { state.compliance.configurations.values.sorted { $0.id < $1.id } }
    func trainingAssignments(learnerID: String?) -> [TrainingAssignment] {
        state.compliance.assignments.values.filter { learnerID == nil || $0.learnerID == learnerID }
            .sorted { ($0.assignedAt, $0.id) < ($1.assignedAt, $1.id) }
    }
    func trainingCompletions(learnerID: String) -> [TrainingCompletion] {
        state.compliance.completions.values.filter { $0.learnerID == learnerID }
            .sorted { ($0.completedAt, $0.id) < ($1.completedAt, $1.id) }
    }
    func complianceWatch(learnerID: String, configurationID: String) -> ComplianceWatch? {
        state.compliance.watches[learnerID + "\u{0}" + configurationID]
    }
    func complianceWatches(dueBy date: Date) -> [ComplianceWatch] {
        state.compliance.watches.values.filter { ($0.nextCheckAt ?? .distantFuture) <= date }
            .sorted { ($0.nextCheckAt!, $0.learnerID, $0.configurationID) < ($1.nextCheckAt!, $1.learnerID, $1.configurationID) }
    }

    func saveTrainingConfiguration(_ configuration: TrainingConfiguration) {
        state.compliance.configurations[configuration.id] = configuration
    }
    func saveTrainingAssignment(_ assignment: TrainingAssignment) throws {
        try checkWorker(assignment.learnerID, configuration: assignment.configurationID)
        state.compliance.assignments[assignment.id] = assignment
    }
    func saveTrainingCompletion(_ completion: TrainingCompletion) throws {
        guard state.learners[completion.learnerID] != nil else { throw IssuerError(.notFound, "worker \(completion.learnerID) is not stored") }
        state.compliance.completions[completion.id] = completion
    }
    func saveComplianceWatch(_ watch: ComplianceWatch) throws {
        try checkWorker(watch.learnerID, configuration: watch.configurationID)
        state.compliance.watches[watch.learnerID + "\u{0}" + watch.configurationID] = watch
    }

    /// The foreign keys SQLite holds: a stored learner and configuration.
    private func checkWorker(_ learnerID: String, configuration: String) throws {
        guard state.learners[learnerID] != nil else { throw IssuerError(.notFound, "worker \(learnerID) is not stored") }
        guard state.compliance.configurations[configuration] != nil else {
            throw IssuerError(.notFound, "training configuration \(configuration) is not stored")
        }
    }
}
