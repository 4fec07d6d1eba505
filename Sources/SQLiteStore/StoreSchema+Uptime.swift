import GRDB

extension StoreSchema {
    /// Registers ``versionUptime`` (named `v15-uptime`).
    static func registerUptime(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v15-uptime") { db in
            try db.execute(sql: versionUptime)
        }
    }

    /// Issue 19 point 5: each `attest serve` run's start and last heartbeat, for the monthly
    /// report's availability. One row per process start.
    static let versionUptime = """
        CREATE TABLE uptime (
            instance TEXT PRIMARY KEY NOT NULL,
            startedAt TEXT NOT NULL,
            lastSeenAt TEXT NOT NULL,
            CHECK (lastSeenAt >= startedAt)
        ) STRICT;
        CREATE INDEX uptime_by_start ON uptime(startedAt);
        """
}
