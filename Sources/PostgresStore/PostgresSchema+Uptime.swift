extension PostgresSchema {
    /// Issue 19 point 5, the equivalent of SQLite's `v15-uptime`: each `attest serve` run's start
    /// and last heartbeat (every instance on this schema has its own rows).
    static let versionUptime = """
        CREATE TABLE uptime (
            instance text PRIMARY KEY,
            startedAt attest_timestamp NOT NULL,
            lastSeenAt attest_timestamp NOT NULL,
            CHECK (lastSeenAt >= startedAt)
        );
        CREATE INDEX uptime_by_start ON uptime (startedAt);
        """
}
