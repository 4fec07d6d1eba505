import Foundation

/// Changes to training configurations, assignments, module completions and watches.
public protocol ComplianceWriting: ComplianceReading {
    /// Inserts or replaces a training configuration (by id).
    func saveTrainingConfiguration(_ configuration: TrainingConfiguration) throws
    /// Inserts or updates an assignment (by id); throws ``IssuerError`` `notFound` for an unknown worker or configuration.
    func saveTrainingAssignment(_ assignment: TrainingAssignment) throws
    /// Inserts or updates a completion (by id); throws ``IssuerError`` `notFound` for an unknown worker or configuration.
    func saveTrainingCompletion(_ completion: TrainingCompletion) throws
    /// Inserts or replaces the watch of (learner, configuration).
    func saveComplianceWatch(_ watch: ComplianceWatch) throws
}
