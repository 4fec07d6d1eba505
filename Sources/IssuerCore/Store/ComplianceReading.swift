import Foundation

/// Compliance certificates: training configurations, workers' assignments and module
/// completions, and the scheduler's watches.
public protocol ComplianceReading {
    /// A training configuration by id.
    func trainingConfiguration(id: String) throws -> TrainingConfiguration?
    /// Every training configuration, by id.
    func trainingConfigurations() throws -> [TrainingConfiguration]
    /// A worker's assignments (memberships and single modules), removed ones included, oldest first;
    /// every worker's when `learnerID` is nil.
    func trainingAssignments(learnerID: String?) throws -> [TrainingAssignment]
    /// A worker's module completions, removed ones included, by completion date.
    func trainingCompletions(learnerID: String) throws -> [TrainingCompletion]
    /// The scheduler's note about a worker and configuration.
    func complianceWatch(learnerID: String, configurationID: String) throws -> ComplianceWatch?
    /// Watches whose next check is at or before `date`, earliest first.
    func complianceWatches(dueBy date: Date) throws -> [ComplianceWatch]
}
