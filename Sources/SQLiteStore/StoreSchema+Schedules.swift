import GRDB

extension StoreSchema {
    /// Registers ``versionSchedules`` (named `v17-schedules`).
    static func registerSchedules(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v17-schedules") { db in
            try db.execute(sql: versionSchedules)
            try widenOutboxEvents(db, to: versionSchedulesOutboxEvents)
        }
    }

    /// Issue 19 points 6 and 7: delayed issuances, follow-up webhooks and expiry reminders, each
    /// done once. The partial index is all the scheduler reads (`state = 'scheduled' AND dueAt <= ?`).
    static let versionSchedules = """
        CREATE TABLE scheduledWork (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('issuance', 'followUp', 'expiryReminder', 'expired')),
            subjectID TEXT NOT NULL,
            programID TEXT NOT NULL,
            detail TEXT NOT NULL,
            dueAt TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('scheduled', 'done', 'cancelled', 'held')),
            finishedAt TEXT,
            note TEXT,
            UNIQUE (kind, subjectID, detail)
        ) STRICT;
        CREATE INDEX scheduledWork_due ON scheduledWork(dueAt, id) WHERE state = 'scheduled';
        CREATE INDEX scheduledWork_by_subject ON scheduledWork(subjectID, dueAt);
        """

    /// The outbox events `v17-schedules` allows: those of `v13-oid4vci` and the three scheduled
    /// webhooks/emails. Literal: a shipped migration never changes.
    static let versionSchedulesOutboxEvents =
        version13OutboxEvents + ["credential.expiring", "credential.expired", "credential.follow_up"]
}
