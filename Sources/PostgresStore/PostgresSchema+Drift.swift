extension PostgresSchema {
    /// Issue 19 point 3, the equivalent of SQLite's `v22-drift` (named `v9-drift` here):
    /// programs' operational settings (enabled or disabled) and the completion events kept
    /// undecided because no program maps their course or their program is disabled.
    static let versionDrift = """
        CREATE TABLE programSettings (
            programID text PRIMARY KEY REFERENCES program(id),
            enabled boolean NOT NULL,
            updatedAt attest_timestamp NOT NULL,
            updatedBy text NOT NULL
        );

        CREATE TABLE parkedEvent (
            id text PRIMARY KEY,
            source text NOT NULL,
            eventID text NOT NULL,
            programID text NOT NULL,
            course text,
            event json NOT NULL,
            namespace text NOT NULL,
            actor text NOT NULL,
            state text NOT NULL CHECK (state IN ('unmapped', 'disabled')),
            reason text NOT NULL,
            receivedAt attest_timestamp NOT NULL,
            UNIQUE (source, eventID)
        );
        CREATE INDEX parkedEvent_by_state ON parkedEvent (state, receivedAt);
        """
}
