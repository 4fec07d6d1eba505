import Foundation
import GRDB
import IssuerCore
import Testing

@testable import SQLiteStore

/// `v24-intake-holds` rebuilds `parkedEvent` to allow the error table's states and widens the
/// outbox's events: a file at `v23-webhook-endpoints` keeps its kept events and outbox rows, and
/// takes the new state and event afterwards; the old file refused both.
@Suite("SQLite v24-intake-holds migration")
struct IntakeHoldsMigrationTests {
    @Test func keptEventsAndTheOutboxSurviveAndTakeTheNewValues() throws {
        let scratch = try TemporaryDirectory()
        let queue = try DatabaseQueue(path: scratch.file("attest.sqlite"))
        try StoreSchema.migrator.migrate(queue, upTo: "v23-webhook-endpoints")
        func keep(_ db: Database, _ id: String, state: String) throws {
            try db.execute(
                sql: """
                    INSERT INTO parkedEvent (id, source, eventID, programID, course, event, namespace, actor, state, reason, receivedAt)
                    VALUES (?, 'lms', ?, '', 'moodle:42', '{"eventID":"x"}', 'local', 'cli', ?, 'why', '2026-11-23T09:00:00.000000000Z')
                    """, arguments: [id, id, state])
        }
        func enqueue(_ db: Database, _ id: String, event: String) throws {
            try db.execute(
                sql: """
                    INSERT INTO outboxMessage (id, channel, event, subjectID, recipient, createdAt, state, attempts)
                    VALUES (?, 'email', ?, 'cmp-1', 'ana@example.org', '2026-11-23T09:00:00.000000000Z', 'pending', 0)
                    """, arguments: [id, event])
        }
        try queue.write { db in
            try keep(db, "prk-1", state: "unmapped")
            try enqueue(db, "out-1", event: "credential.issued")
            #expect(throws: DatabaseError.self) { try keep(db, "prk-2", state: "invalidLearner") }
            #expect(throws: DatabaseError.self) { try enqueue(db, "out-2", event: "completion.prerequisites_missing") }
        }
        try StoreSchema.migrator.migrate(queue)
        try queue.write { db in
            #expect(try String.fetchAll(db, sql: "SELECT id FROM parkedEvent") == ["prk-1"])
            #expect(try String.fetchAll(db, sql: "SELECT id FROM outboxMessage") == ["out-1"])
            try keep(db, "prk-2", state: "invalidLearner")
            try keep(db, "prk-3", state: "unknownProgram")
            try enqueue(db, "out-2", event: "completion.prerequisites_missing")
            #expect(throws: DatabaseError.self) { try keep(db, "prk-4", state: "lost") }
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'parkedEvent' AND sql IS NOT NULL") == ["parkedEvent_by_state"])
        }
    }
}
