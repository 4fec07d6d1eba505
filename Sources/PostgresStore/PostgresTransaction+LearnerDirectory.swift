import Foundation
import IssuerCore
import PostgresNIO

// The staff console's learner search, a credential's deliveries, and the review queue, paged in SQL.
//
// Learner search: SQLite has an FTS5 index; PostgreSQL has no accent folding without the
// `unaccent` extension (which needs a superuser to install), so each learner row carries its
// searchable words, folded in Swift by the very function that folds the search
// (``IssuerCore/LearnerSearchText/words(of:)``): ` ana lima alima oldmail example u 100 `, space
// before and after every word. A search word matches when ` word` occurs in it: the beginning of
// one of the learner's words, the same rule as FTS5's prefix terms and the in-memory store.
extension PostgresTransaction {
    /// The words a learner is found by (migration `v2-learner-search` adds the column), as stored.
    static func searchWords(of learner: Learner) -> String {
        let words = [learner.legalName, learner.preferredName ?? "", learner.email, learner.externalID]
            .flatMap(LearnerSearchText.words(of:))
        return " " + words.joined(separator: " ") + " "
    }

    func learners(matching search: LearnerSearchText, limit: Int, offset: Int) throws -> [Learner] {
        var values: [(any PostgresBindable)?] = []
        var conditions: [String] = []
        for word in search.words {
            values.append(" " + word)
            conditions.append("strpos(searchWords, $\(values.count)) > 0")
        }
        values.append(max(0, limit))
        values.append(max(0, offset))
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try rows(
            """
            SELECT \(Self.learnerColumns) FROM learner \(whereClause)
            ORDER BY lower(coalesce(preferredName, legalName)) COLLATE "C", id COLLATE "C"
            LIMIT $\(values.count - 1) OFFSET $\(values.count)
            """, values
        ).map(Self.learner)
    }

    func outboxMessages(subjectID: String, limit: Int) throws -> [OutboxMessage] {
        try rows(
            """
            SELECT \(Self.outboxColumns) FROM outboxMessage WHERE subjectID = $1 ORDER BY createdAt DESC, id COLLATE "C" DESC LIMIT $2
            """, [subjectID, max(0, limit)]
        ).map(Self.outboxMessage)
    }

    func heldCompletions(_ filter: ReviewQueueFilter, limit: Int, offset: Int) throws -> [CompletionRecord] {
        var (conditions, values) = Self.conditions(filter)
        values.append(max(0, limit))
        values.append(max(0, offset))
        return try rows(
            """
            SELECT \(Self.completionColumns) FROM completion WHERE \(conditions) ORDER BY receivedAt, id COLLATE "C"
            LIMIT $\(values.count - 1) OFFSET $\(values.count)
            """, values
        ).map(Self.completion)
    }

    func heldCompletionCount(_ filter: ReviewQueueFilter) throws -> Int {
        let (conditions, values) = Self.conditions(filter)
        return try value(Int.self, "SELECT count(*) FROM completion WHERE \(conditions)", values) ?? 0
    }

    /// The `WHERE` of the queue: fixed text with placeholders, the values bound.
    private static func conditions(_ filter: ReviewQueueFilter) -> (String, [(any PostgresBindable)?]) {
        var conditions = ["state = 'held'"]
        var values: [(any PostgresBindable)?] = []
        if let programID = filter.programID {
            values.append(programID)
            conditions.append("programID = $\(values.count)")
        }
        if let date = filter.receivedAtOrBefore {
            values.append(date)
            conditions.append("receivedAt <= $\(values.count)")
        }
        if let date = filter.receivedAfter {
            values.append(date)
            conditions.append("receivedAt > $\(values.count)")
        }
        return (conditions.joined(separator: " AND "), values)
    }
}
