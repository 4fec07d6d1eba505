import Foundation
import IssuerCore
import PostgresNIO

// Training configurations, workers' assignments and module completions, and the scheduler's watches.
extension PostgresTransaction {
    func trainingConfiguration(id: String) throws -> TrainingConfiguration? {
        try value(String.self, "SELECT definition::text FROM trainingConfiguration WHERE id = $1", [id]).map {
            try Self.decodeJSON(TrainingConfiguration.self, from: $0, of: "training configuration \(id)")
        }
    }

    func trainingConfigurations() throws -> [TrainingConfiguration] {
        try rows("SELECT id, definition::text FROM trainingConfiguration ORDER BY id COLLATE \"C\"").map { row in
            var row = row
            let id = try row(String.self)
            return try Self.decodeJSON(TrainingConfiguration.self, from: try row(), of: "training configuration \(id)")
        }
    }

    private static let assignmentColumns = "id, learnerID, configurationID, moduleID, assignedAt, assignedBy, removedAt, removedBy"

    private static func assignment(_ row: PostgresRowReader) throws -> TrainingAssignment {
        var row = row
        return TrainingAssignment(
            id: try row(), learnerID: try row(), configurationID: try row(), moduleID: try row.optional(), assignedAt: try row.date(),
            assignedBy: try row(), removedAt: try row.optionalDate(), removedBy: try row.optional())
    }

    func trainingAssignments(learnerID: String?) throws -> [TrainingAssignment] {
        if let learnerID {
            return try rows(
                "SELECT \(Self.assignmentColumns) FROM trainingAssignment WHERE learnerID = $1 ORDER BY assignedAt, id COLLATE \"C\"",
                [learnerID]
            ).map(Self.assignment)
        }
        return try rows("SELECT \(Self.assignmentColumns) FROM trainingAssignment ORDER BY assignedAt, id COLLATE \"C\"").map(
            Self.assignment)
    }

    func trainingCompletions(learnerID: String) throws -> [TrainingCompletion] {
        try rows(
            """
            SELECT id, learnerID, moduleID, completedAt, recordedAt, recordedBy, removedAt, removedBy, removalReason
            FROM trainingCompletion WHERE learnerID = $1 ORDER BY completedAt, id COLLATE "C"
            """, [learnerID]
        ).map { row in
            var row = row
            return TrainingCompletion(
                id: try row(), learnerID: try row(), moduleID: try row(), completedAt: try row.date(), recordedAt: try row.date(),
                recordedBy: try row(), removedAt: try row.optionalDate(), removedBy: try row.optional(), removalReason: try row.optional())
        }
    }

    private static let watchColumns = "learnerID, configurationID, nextCheckAt, valid, remindedCompletionIDs::text, updatedAt"

    private static func watch(_ row: PostgresRowReader) throws -> ComplianceWatch {
        var row = row
        let learnerID = try row(String.self)
        let configurationID = try row(String.self)
        return ComplianceWatch(
            learnerID: learnerID, configurationID: configurationID, nextCheckAt: try row.optionalDate(), valid: try row(),
            remindedCompletionIDs: try decodeJSON([String].self, from: try row(), of: "the watch of \(learnerID)"),
            updatedAt: try row.date())
    }

    func complianceWatch(learnerID: String, configurationID: String) throws -> ComplianceWatch? {
        try row(
            "SELECT \(Self.watchColumns) FROM complianceWatch WHERE learnerID = $1 AND configurationID = $2", [learnerID, configurationID]
        ).map(Self.watch)
    }

    func complianceWatches(dueBy date: Date) throws -> [ComplianceWatch] {
        // Timestamps are fixed-width text, so text order is time order.
        try rows(
            """
            SELECT \(Self.watchColumns) FROM complianceWatch WHERE nextCheckAt IS NOT NULL AND nextCheckAt <= $1
            ORDER BY nextCheckAt, learnerID COLLATE "C", configurationID COLLATE "C"
            """, [date]
        ).map(Self.watch)
    }

    func saveTrainingConfiguration(_ configuration: TrainingConfiguration) throws {
        try execute(
            """
            INSERT INTO trainingConfiguration (id, definition) VALUES ($1, $2::json)
            ON CONFLICT (id) DO UPDATE SET definition = excluded.definition
            """, [configuration.id, try Self.jsonText(configuration)])
    }

    func saveTrainingAssignment(_ assignment: TrainingAssignment) throws {
        try namingMissingReferences(learnerID: assignment.learnerID, configurationID: assignment.configurationID) {
            try execute(
                """
                INSERT INTO trainingAssignment (id, learnerID, configurationID, moduleID, assignedAt, assignedBy, removedAt, removedBy)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (id) DO UPDATE SET learnerID = excluded.learnerID, configurationID = excluded.configurationID,
                    moduleID = excluded.moduleID, assignedAt = excluded.assignedAt, assignedBy = excluded.assignedBy,
                    removedAt = excluded.removedAt, removedBy = excluded.removedBy
                """,
                [
                    assignment.id, assignment.learnerID, assignment.configurationID, assignment.moduleID, assignment.assignedAt,
                    assignment.assignedBy, assignment.removedAt, assignment.removedBy,
                ])
        }
    }

    func saveTrainingCompletion(_ completion: TrainingCompletion) throws {
        try namingMissingReferences(learnerID: completion.learnerID, configurationID: nil) {
            try execute(
                """
                INSERT INTO trainingCompletion (id, learnerID, moduleID, completedAt, recordedAt, recordedBy, removedAt, removedBy,
                    removalReason)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (id) DO UPDATE SET learnerID = excluded.learnerID, moduleID = excluded.moduleID,
                    completedAt = excluded.completedAt, recordedAt = excluded.recordedAt, recordedBy = excluded.recordedBy,
                    removedAt = excluded.removedAt, removedBy = excluded.removedBy, removalReason = excluded.removalReason
                """,
                [
                    completion.id, completion.learnerID, completion.moduleID, completion.completedAt, completion.recordedAt,
                    completion.recordedBy, completion.removedAt, completion.removedBy, completion.removalReason,
                ])
        }
    }

    func saveComplianceWatch(_ watch: ComplianceWatch) throws {
        try namingMissingReferences(learnerID: watch.learnerID, configurationID: watch.configurationID) {
            try execute(
                """
                INSERT INTO complianceWatch (learnerID, configurationID, nextCheckAt, valid, remindedCompletionIDs, updatedAt)
                VALUES ($1, $2, $3, $4, $5::json, $6)
                ON CONFLICT (learnerID, configurationID) DO UPDATE SET nextCheckAt = excluded.nextCheckAt, valid = excluded.valid,
                    remindedCompletionIDs = excluded.remindedCompletionIDs, updatedAt = excluded.updatedAt
                """,
                [
                    watch.learnerID, watch.configurationID, watch.nextCheckAt, watch.valid, try Self.jsonText(watch.remindedCompletionIDs),
                    watch.updatedAt,
                ])
        }
    }

    /// A refused reference becomes ``IssuerError`` `notFound` naming what is missing.
    private func namingMissingReferences(learnerID: String, configurationID: String?, _ operation: () throws -> Void) throws {
        try refusingConflicts(operation) {
            if try self.learner(id: learnerID) == nil { return IssuerError(.notFound, "worker \(learnerID) is not stored") }
            if let configurationID, try self.trainingConfiguration(id: configurationID) == nil {
                return IssuerError(.notFound, "training configuration \(configurationID) is not stored")
            }
            return nil
        }
    }
}
