import GRDB

extension StoreSchema {
    /// Registers ``versionEngagement`` (named `v20-engagement`).
    static func registerEngagement(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v20-engagement") { db in
            try db.execute(sql: versionEngagement)
            try widenOutboxEvents(db, to: versionEngagementOutboxEvents)
        }
    }

    /// Issue 19 point 8: one row per credential, kind and UTC day, so each queues one webhook a day.
    static let versionEngagement = """
        CREATE TABLE engagement (
            credentialID TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('viewed', 'downloaded', 'shared')),
            day TEXT NOT NULL CHECK (length(day) = 10),
            at TEXT NOT NULL,
            PRIMARY KEY (credentialID, kind, day)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX engagement_shared ON engagement(credentialID) WHERE kind = 'shared';
        """

    /// The outbox events `v20-engagement` allows: those of `v17-schedules` and the three engagement
    /// webhooks. Literal: a shipped migration never changes.
    static let versionEngagementOutboxEvents =
        versionSchedulesOutboxEvents + ["credential.viewed", "credential.downloaded", "credential.shared"]
}
