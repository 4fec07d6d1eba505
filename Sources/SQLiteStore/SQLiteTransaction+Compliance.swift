import Foundation
import GRDB
import IssuerCore

extension SQLiteTransaction {
    func trainingConfiguration(id: String) throws -> TrainingConfiguration? {
        try TrainingConfigurationRow.fetchOne(db, key: id)?.definition
    }

    func trainingConfigurations() throws -> [TrainingConfiguration] {
        try TrainingConfigurationRow.order(Column("id")).fetchAll(db).map(\.definition)
    }

    func trainingAssignments(learnerID: String?) throws -> [TrainingAssignment] {
        var request = TrainingAssignmentRow.order(Column("assignedAt"), Column("id"))
        if let learnerID { request = request.filter(Column("learnerID") == learnerID) }
        return try request.fetchAll(db).map(\.record)
    }

    func trainingCompletions(learnerID: String) throws -> [TrainingCompletion] {
        try TrainingCompletionRow.filter(Column("learnerID") == learnerID).order(Column("completedAt"), Column("id")).fetchAll(db)
            .map(\.record)
    }

    func complianceWatch(learnerID: String, configurationID: String) throws -> ComplianceWatch? {
        try ComplianceWatchRow.fetchOne(db, key: ["learnerID": learnerID, "configurationID": configurationID])?.record
    }

    func complianceWatches(dueBy date: Date) throws -> [ComplianceWatch] {
        // Timestamps are fixed-width text, so text order is time order.
        try ComplianceWatchRow.filter(Column("nextCheckAt") != nil && Column("nextCheckAt") <= DatabaseTimestamp.text(from: date))
            .order(Column("nextCheckAt"), Column("learnerID"), Column("configurationID")).fetchAll(db).map(\.record)
    }

    func saveTrainingConfiguration(_ configuration: TrainingConfiguration) throws {
        try TrainingConfigurationRow(configuration).save(db)
    }

    func saveTrainingAssignment(_ assignment: TrainingAssignment) throws {
        try namingMissingReferences(learnerID: assignment.learnerID, configurationID: assignment.configurationID) {
            try TrainingAssignmentRow(assignment).save(db)
        }
    }

    func saveTrainingCompletion(_ completion: TrainingCompletion) throws {
        try namingMissingReferences(learnerID: completion.learnerID, configurationID: nil) {
            try TrainingCompletionRow(completion).save(db)
        }
    }

    func saveComplianceWatch(_ watch: ComplianceWatch) throws {
        try namingMissingReferences(learnerID: watch.learnerID, configurationID: watch.configurationID) {
            try ComplianceWatchRow(watch).save(db)
        }
    }

    /// A foreign key refusal becomes ``IssuerError`` `notFound` naming what is missing.
    private func namingMissingReferences(learnerID: String, configurationID: String?, _ operation: () throws -> Void) throws {
        do {
            try operation()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            if try learner(id: learnerID) == nil { throw IssuerError(.notFound, "worker \(learnerID) is not stored") }
            if let configurationID, try trainingConfiguration(id: configurationID) == nil {
                throw IssuerError(.notFound, "training configuration \(configurationID) is not stored")
            }
            throw IssuerError(.duplicate, "the database refused the change: \(error.message ?? "a constraint failed")")
        }
    }
}
