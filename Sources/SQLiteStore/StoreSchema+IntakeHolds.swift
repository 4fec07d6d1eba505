import GRDB

extension StoreSchema {
    /// Registers `v24-intake-holds`.
    static func registerIntakeHolds(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v24-intake-holds") { db in
            try db.execute(sql: versionIntakeHolds)
            try widenOutboxEvents(db, to: versionIntakeHoldsOutboxEvents)
        }
    }

    /// Issue 19 point 4 (the workflow's error table): an event naming a program that does not exist
    /// is kept `unknownProgram`, one with invalid learner data `invalidLearner`, so `parkedEvent`'s
    /// `CHECK` on `state` grows (SQLite cannot alter a `CHECK`: new table, copy, drop, rename, index).
    static let versionIntakeHolds = """
        CREATE TABLE parkedEventHolds (
            id TEXT PRIMARY KEY NOT NULL,
            source TEXT NOT NULL,
            eventID TEXT NOT NULL,
            programID TEXT NOT NULL,
            course TEXT,
            event TEXT NOT NULL CHECK (json_valid(event)),
            namespace TEXT NOT NULL,
            actor TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('unmapped', 'disabled', 'unknownProgram', 'invalidLearner')),
            reason TEXT NOT NULL,
            receivedAt TEXT NOT NULL,
            UNIQUE (source, eventID)
        ) STRICT;
        INSERT INTO parkedEventHolds (id, source, eventID, programID, course, event, namespace, actor, state, reason, receivedAt)
            SELECT id, source, eventID, programID, course, event, namespace, actor, state, reason, receivedAt FROM parkedEvent;
        DROP TABLE parkedEvent;
        ALTER TABLE parkedEventHolds RENAME TO parkedEvent;
        CREATE INDEX parkedEvent_by_state ON parkedEvent(state, receivedAt);
        """

    /// The outbox events `v24-intake-holds` allows: those of `v20-engagement` and the learner's
    /// email about missing prerequisites. Literal: a shipped migration never changes.
    static let versionIntakeHoldsOutboxEvents = versionEngagementOutboxEvents + ["completion.prerequisites_missing"]
}
