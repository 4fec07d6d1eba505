import Foundation
import IssuerCore
import PostgresNIO

// Learners and the completions intake stored for them.
extension PostgresTransaction {
    static let learnerColumns = "id, namespace, externalID, email, legalName, preferredName"

    static func learner(_ row: PostgresRowReader) throws -> Learner {
        var row = row
        let id = try row(String.self)
        let namespace = try row(String.self)
        return Learner(
            id: id, externalID: try row(), namespace: LearnerNamespace(rawValue: namespace), email: try row(), legalName: try row(),
            preferredName: try row.optional())
    }

    func learner(id: String) throws -> Learner? {
        try row("SELECT \(Self.learnerColumns) FROM learner WHERE id = $1", [id]).map(Self.learner)
    }

    func learner(externalID: String) throws -> Learner? {
        try row("SELECT \(Self.learnerColumns) FROM learner WHERE externalID = $1 ORDER BY id COLLATE \"C\" LIMIT 1", [externalID]).map(
            Self.learner)
    }

    func learner(namespace: LearnerNamespace, externalID: String) throws -> Learner? {
        try row(
            "SELECT \(Self.learnerColumns) FROM learner WHERE namespace = $1 AND externalID = $2", [namespace.rawValue, externalID]
        ).map(Self.learner)
    }

    func learners(externalID: String) throws -> [Learner] {
        try rows("SELECT \(Self.learnerColumns) FROM learner WHERE externalID = $1 ORDER BY id COLLATE \"C\"", [externalID]).map(
            Self.learner)
    }

    func learners(email: String?, limit: Int) throws -> [Learner] {
        // Addresses compare without case: Zoe@Example.org and zoe@example.org are one mailbox in practice.
        if let email {
            return try rows(
                "SELECT \(Self.learnerColumns) FROM learner WHERE lower(email) = lower($1) ORDER BY id COLLATE \"C\" LIMIT $2",
                [email, max(0, limit)]
            ).map(Self.learner)
        }
        return try rows("SELECT \(Self.learnerColumns) FROM learner ORDER BY id COLLATE \"C\" LIMIT $1", [max(0, limit)]).map(Self.learner)
    }

    func saveLearner(_ learner: Learner) throws {
        try refusingConflicts {
            try execute(
                """
                INSERT INTO learner (id, namespace, externalID, email, legalName, preferredName, searchWords)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (id) DO UPDATE SET namespace = excluded.namespace, externalID = excluded.externalID,
                    email = excluded.email, legalName = excluded.legalName, preferredName = excluded.preferredName,
                    searchWords = excluded.searchWords
                """,
                [
                    learner.id, learner.namespace.rawValue, learner.externalID, learner.email, learner.legalName, learner.preferredName,
                    Self.searchWords(of: learner),
                ])
        } explain: {
            IssuerError(.duplicate, "a learner with external id \(learner.externalID) exists")
        }
    }

    // MARK: Completions

    static let completionColumns =
        "id, event::text, learnerID, receivedAt, state, reasons::text, reviewedBy, reviewNote, reviewedAt"

    static func completion(_ row: PostgresRowReader) throws -> CompletionRecord {
        var row = row
        let id = try row(String.self)
        let event = try decodeJSON(CompletionEvent.self, from: try row(), of: "completion \(id)")
        let learnerID = try row(String.self)
        let receivedAt = try row.date()
        let state = try named(try row(), as: CompletionState.self, of: "completion \(id)", column: "state")
        return CompletionRecord(
            id: id, event: event, learnerID: learnerID, receivedAt: receivedAt, state: state,
            reasons: try decodeJSON([String].self, from: try row(), of: "completion \(id)"), reviewedBy: try row.optional(),
            reviewNote: try row.optional(), reviewedAt: try row.optionalDate())
    }

    func completion(id: String) throws -> CompletionRecord? {
        try row("SELECT \(Self.completionColumns) FROM completion WHERE id = $1", [id]).map(Self.completion)
    }

    func completion(source: String, eventID: String) throws -> CompletionRecord? {
        try row("SELECT \(Self.completionColumns) FROM completion WHERE source = $1 AND eventID = $2 LIMIT 1", [source, eventID])
            .map(Self.completion)
    }

    func completions(state: CompletionState?) throws -> [CompletionRecord] {
        if let state {
            return try rows(
                "SELECT \(Self.completionColumns) FROM completion WHERE state = $1 ORDER BY receivedAt, id COLLATE \"C\"", [state.rawValue]
            )
            .map(Self.completion)
        }
        return try rows("SELECT \(Self.completionColumns) FROM completion ORDER BY receivedAt, id COLLATE \"C\"").map(Self.completion)
    }

    func insertCompletion(_ completion: CompletionRecord) throws {
        try refusingConflicts {
            try execute(
                """
                INSERT INTO completion (id, source, eventID, programID, learnerID, event, receivedAt, state, reasons, reviewedBy,
                    reviewNote, reviewedAt)
                VALUES ($1, $2, $3, $4, $5, $6::json, $7, $8, $9::json, $10, $11, $12)
                """, try Self.completionValues(completion))
        } explain: {
            try self.completionConflict(completion)
        }
    }

    func updateCompletion(_ completion: CompletionRecord) throws {
        guard try value(Int.self, "SELECT 1 FROM completion WHERE id = $1", [completion.id]) != nil else {
            throw IssuerError(.notFound, "completion \(completion.id)")
        }
        try refusingConflicts {
            try execute(
                """
                UPDATE completion SET source = $2, eventID = $3, programID = $4, learnerID = $5, event = $6::json, receivedAt = $7,
                    state = $8, reasons = $9::json, reviewedBy = $10, reviewNote = $11, reviewedAt = $12
                WHERE id = $1
                """, try Self.completionValues(completion))
        } explain: {
            try self.completionConflict(completion)
        }
    }

    private static func completionValues(_ completion: CompletionRecord) throws -> [(any PostgresBindable)?] {
        [
            completion.id, completion.event.source, completion.event.eventID, completion.event.programID, completion.learnerID,
            try jsonText(completion.event), completion.receivedAt, completion.state.rawValue, try jsonText(completion.reasons),
            completion.reviewedBy, completion.reviewNote, completion.reviewedAt,
        ]
    }

    /// Which rule a refused completion broke: a replay, or a learner that is not stored.
    private func completionConflict(_ completion: CompletionRecord) throws -> IssuerError? {
        let replay = try value(
            String.self, "SELECT id FROM completion WHERE source = $1 AND eventID = $2",
            [completion.event.source, completion.event.eventID])
        if let replay, replay != completion.id {
            return IssuerError(.duplicate, "event \(completion.event.eventID) from \(completion.event.source) is already stored")
        }
        if try learner(id: completion.learnerID) == nil {
            return IssuerError(.notFound, "completion \(completion.id) names learner \(completion.learnerID), who is not stored")
        }
        return nil
    }
}
