import Foundation
import GRDB
import IssuerCore

/// The `trainingConfiguration` table: the id as a column, the whole ``TrainingConfiguration`` as JSON.
struct TrainingConfigurationRow: StoreRecord {
    static let databaseTableName = "trainingConfiguration"

    var id: String
    var definition: TrainingConfiguration

    init(_ configuration: TrainingConfiguration) {
        id = configuration.id
        definition = configuration
    }
}

/// The `trainingAssignment` table: one row per ``TrainingAssignment``, the same columns.
struct TrainingAssignmentRow: StoreRecord {
    static let databaseTableName = "trainingAssignment"

    var id: String
    var learnerID: String
    var configurationID: String
    var moduleID: String?
    var assignedAt: Date
    var assignedBy: String
    var removedAt: Date?
    var removedBy: String?

    init(_ assignment: TrainingAssignment) {
        id = assignment.id
        learnerID = assignment.learnerID
        configurationID = assignment.configurationID
        moduleID = assignment.moduleID
        assignedAt = assignment.assignedAt
        assignedBy = assignment.assignedBy
        removedAt = assignment.removedAt
        removedBy = assignment.removedBy
    }

    var record: TrainingAssignment {
        TrainingAssignment(
            id: id, learnerID: learnerID, configurationID: configurationID, moduleID: moduleID, assignedAt: assignedAt,
            assignedBy: assignedBy, removedAt: removedAt, removedBy: removedBy)
    }
}

/// The `trainingCompletion` table: one row per ``TrainingCompletion``, the same columns.
struct TrainingCompletionRow: StoreRecord {
    static let databaseTableName = "trainingCompletion"

    var id: String
    var learnerID: String
    var moduleID: String
    var completedAt: Date
    var recordedAt: Date
    var recordedBy: String
    var removedAt: Date?
    var removedBy: String?
    var removalReason: String?

    init(_ completion: TrainingCompletion) {
        id = completion.id
        learnerID = completion.learnerID
        moduleID = completion.moduleID
        completedAt = completion.completedAt
        recordedAt = completion.recordedAt
        recordedBy = completion.recordedBy
        removedAt = completion.removedAt
        removedBy = completion.removedBy
        removalReason = completion.removalReason
    }

    var record: TrainingCompletion {
        TrainingCompletion(
            id: id, learnerID: learnerID, moduleID: moduleID, completedAt: completedAt, recordedAt: recordedAt, recordedBy: recordedBy,
            removedAt: removedAt, removedBy: removedBy, removalReason: removalReason)
    }
}

/// The `complianceWatch` table: one row per worker and configuration; reminded ids as JSON.
struct ComplianceWatchRow: StoreRecord {
    static let databaseTableName = "complianceWatch"

    var learnerID: String
    var configurationID: String
    var nextCheckAt: Date?
    var valid: Bool
    var remindedCompletionIDs: [String]
    var updatedAt: Date

    init(_ watch: ComplianceWatch) {
        learnerID = watch.learnerID
        configurationID = watch.configurationID
        nextCheckAt = watch.nextCheckAt
        valid = watch.valid
        remindedCompletionIDs = watch.remindedCompletionIDs
        updatedAt = watch.updatedAt
    }

    var record: ComplianceWatch {
        ComplianceWatch(
            learnerID: learnerID, configurationID: configurationID, nextCheckAt: nextCheckAt, valid: valid,
            remindedCompletionIDs: remindedCompletionIDs, updatedAt: updatedAt)
    }
}
