import Foundation
import GRDB
import IssuerCore

extension SQLiteTransaction: LearnerDirectoryReading, ReviewQueueReading {
    func learners(matching search: LearnerSearchText, limit: Int, offset: Int) throws -> [Learner] {
        let page: StatementArguments = [max(0, limit), max(0, offset)]
        guard !search.isEmpty else {
            return try LearnerRow.fetchAll(
                db.cachedStatement(
                    sql: "SELECT \(LearnerRow.columnList) FROM learner ORDER BY lower(coalesce(preferredName, legalName)), id LIMIT ? OFFSET ?"),
                arguments: page
            ).map(\.learner)
        }
        // Each word a quoted prefix term (quotes doubled), all of them required: no FTS5 syntax
        // from the search box reaches the query.
        let query = search.words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"*" }.joined(separator: " ")
        return try LearnerRow.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT learner.* FROM learner
                    WHERE learner.id IN (SELECT learnerID FROM learnerSearch WHERE learnerSearch MATCH ?)
                    ORDER BY lower(coalesce(learner.preferredName, learner.legalName)), learner.id LIMIT ? OFFSET ?
                    """),
            arguments: [query] + page
        ).map(\.learner)
    }

    func outboxMessages(subjectID: String, limit: Int) throws -> [OutboxMessage] {
        try OutboxMessageRow.fetchAll(
            db.cachedStatement(sql: "SELECT \(OutboxMessageRow.columnList) FROM outboxMessage WHERE subjectID = ? ORDER BY createdAt DESC, id DESC LIMIT ?"),
            arguments: [subjectID, max(0, limit)]
        ).map { try $0.message() }
    }

    func heldCompletions(_ filter: ReviewQueueFilter, limit: Int, offset: Int) throws -> [CompletionRecord] {
        let (conditions, arguments) = Self.conditions(filter)
        return try CompletionRow.fetchAll(
            db, sql: "SELECT \(CompletionRow.columnList) FROM completion WHERE \(conditions) ORDER BY receivedAt, id LIMIT ? OFFSET ?",
            arguments: arguments + [max(0, limit), max(0, offset)]
        ).map { try $0.record() }
    }

    func heldCompletionCount(_ filter: ReviewQueueFilter) throws -> Int {
        let (conditions, arguments) = Self.conditions(filter)
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM completion WHERE \(conditions)", arguments: arguments) ?? 0
    }

    /// The `WHERE` of the queue: fixed text with `?` placeholders, the values as arguments.
    private static func conditions(_ filter: ReviewQueueFilter) -> (String, StatementArguments) {
        var conditions = ["state = 'held'"]
        var arguments: StatementArguments = []
        if let programID = filter.programID {
            conditions.append("programID = ?")
            arguments += [programID]
        }
        if let date = filter.receivedAtOrBefore {
            conditions.append("receivedAt <= ?")
            arguments += [DatabaseTimestamp.text(from: date)]
        }
        if let date = filter.receivedAfter {
            conditions.append("receivedAt > ?")
            arguments += [DatabaseTimestamp.text(from: date)]
        }
        return (conditions.joined(separator: " AND "), arguments)
    }
}
