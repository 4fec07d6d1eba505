import GRDB

extension StoreSchema {
    /// Registers ``versionRollout`` (named `v21-rollout`).
    static func registerRollout(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v21-rollout") { db in
            try db.execute(sql: versionRollout)
        }
    }

    /// Issue 19 point 1: each program's rollout mode (operational state beside the program, so
    /// changing it makes no program version), the decisions taken in shadow mode (unique on the
    /// event, as completions are) and the post-issuance check list, one check per credential.
    static let versionRollout = """
        CREATE TABLE programRollout (
            programID TEXT PRIMARY KEY NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('shadow', 'assisted', 'monitored', 'full')),
            setting TEXT NOT NULL CHECK (json_valid(setting))
        ) STRICT;
        CREATE TABLE shadowDecision (
            id TEXT PRIMARY KEY NOT NULL,
            source TEXT NOT NULL,
            eventID TEXT NOT NULL,
            programID TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('issue', 'review', 'reject')),
            decidedAt TEXT NOT NULL,
            record TEXT NOT NULL CHECK (json_valid(record)),
            UNIQUE (source, eventID)
        ) STRICT;
        CREATE INDEX shadowDecision_by_program ON shadowDecision(programID, decidedAt);
        CREATE TABLE rolloutCheck (
            credentialID TEXT PRIMARY KEY NOT NULL REFERENCES credential(id),
            programID TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('open', 'confirmed', 'revoked')),
            enteredAt TEXT NOT NULL,
            record TEXT NOT NULL CHECK (json_valid(record))
        ) STRICT;
        CREATE INDEX rolloutCheck_by_state ON rolloutCheck(state, enteredAt);
        """
}
