import GRDB

extension StoreSchema {
    /// Registers ``versionDrift`` (named `v22-drift`).
    static func registerDrift(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v22-drift") { db in
            try db.execute(sql: versionDrift)
        }
    }

    /// Issue 19 point 3 (configuration drift). `programSettings`: a program's operational state
    /// (enabled or disabled), beside its definition so a change makes no new version; a program
    /// without a row is enabled. `parkedEvent`: completion events kept undecided because no
    /// program maps their course or their program is disabled, unique on (source, eventID) like
    /// completions; a row is deleted in the transaction that turns it into a completion.
    static let versionDrift = """
        CREATE TABLE programSettings (
            programID TEXT PRIMARY KEY NOT NULL REFERENCES program(id),
            enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
            updatedAt TEXT NOT NULL,
            updatedBy TEXT NOT NULL
        ) STRICT;

        CREATE TABLE parkedEvent (
            id TEXT PRIMARY KEY NOT NULL,
            source TEXT NOT NULL,
            eventID TEXT NOT NULL,
            programID TEXT NOT NULL,
            course TEXT,
            event TEXT NOT NULL CHECK (json_valid(event)),
            namespace TEXT NOT NULL,
            actor TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('unmapped', 'disabled')),
            reason TEXT NOT NULL,
            receivedAt TEXT NOT NULL,
            UNIQUE (source, eventID)
        ) STRICT;
        CREATE INDEX parkedEvent_by_state ON parkedEvent(state, receivedAt);
        """
}
