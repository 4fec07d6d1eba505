extension PostgresSchema {
    /// Issue 19 point 1, the equivalent of SQLite's `v21-rollout`: each program's rollout mode, the
    /// decisions taken in shadow mode (unique on the event) and the post-issuance check list.
    static let versionRollout = """
        CREATE TABLE programRollout (
            programID text PRIMARY KEY,
            mode text NOT NULL CHECK (mode IN ('shadow', 'assisted', 'monitored', 'full')),
            setting json NOT NULL
        );
        CREATE TABLE shadowDecision (
            id text PRIMARY KEY,
            source text NOT NULL,
            eventID text NOT NULL,
            programID text NOT NULL,
            decision text NOT NULL CHECK (decision IN ('issue', 'review', 'reject')),
            decidedAt attest_timestamp NOT NULL,
            record json NOT NULL,
            UNIQUE (source, eventID)
        );
        CREATE INDEX shadowDecision_by_program ON shadowDecision (programID, decidedAt);
        CREATE TABLE rolloutCheck (
            credentialID text PRIMARY KEY REFERENCES credential (id),
            programID text NOT NULL,
            state text NOT NULL CHECK (state IN ('open', 'confirmed', 'revoked')),
            enteredAt attest_timestamp NOT NULL,
            record json NOT NULL
        );
        CREATE INDEX rolloutCheck_by_state ON rolloutCheck (state, enteredAt);
        """
}
