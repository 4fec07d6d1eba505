import GRDB
import IssuerCore

extension StoreSchema {
    /// Registers the migration that makes the outbox's and the status lists' names closed sets in
    /// SQL (issue 16 point 1).
    static func registerTypedDomain(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9-typed-domain") { db in
            try refuseUnknownNames(db)
            try db.execute(sql: version9TypedDomain)
        }
    }

    /// The names each `CHECK` of ``version9TypedDomain`` allows, as written there. The lists are
    /// literal, not built from the Swift enums: a shipped migration never changes, so a new case
    /// needs a new migration that widens its `CHECK` (a test holds these lists to the enums).
    static let version9Names: [(table: String, column: String, names: [String])] = [
        ("outboxMessage", "channel", ["email", "webhook"]),
        (
            "outboxMessage", "event",
            [
                "credential.issued", "credential.issued.supervisor", "credential.reissued", "credential.revoked",
                "credential.suspended", "credential.reinstated", "credential.claimed", "completion.held_for_review", "learner.link",
                "compliance.invalid", "compliance.reminder",
            ]
        ),
        ("outboxMessage", "state", ["pending", "sent", "failed"]),
        ("statusList", "purpose", ["revocation", "suspension"]),
    ]

    /// A row naming anything else stops the migration with the name, rather than a bare `CHECK`
    /// failure or a guess at what it meant.
    private static func refuseUnknownNames(_ db: Database) throws {
        for (table, column, names) in version9Names {
            let unknown = try String.fetchAll(
                db,
                sql: "SELECT DISTINCT \(column) FROM \(table) WHERE \(column) NOT IN (\(names.map { _ in "?" }.joined(separator: ", ")))",
                arguments: StatementArguments(names))
            if let name = unknown.first {
                throw IssuerError(.storeUnavailable, "\(table) holds the \(column) \"\(name)\", which this version of Attest does not know")
            }
        }
    }

    /// `outboxMessage.channel`, `.event`, `.state` and `statusList.purpose` get `CHECK`s. SQLite
    /// cannot add a `CHECK` to a column, so both tables are rebuilt the documented way (create the
    /// new table, copy every row, drop the old one, rename, recreate the indexes); neither has
    /// triggers, and no foreign key points at them. Rows keep their ids and values byte for byte.
    static let version9TypedDomain = """
        CREATE TABLE outboxMessageTyped (
            id TEXT PRIMARY KEY NOT NULL,
            channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
            event TEXT NOT NULL CHECK (event IN (
                'credential.issued', 'credential.issued.supervisor', 'credential.reissued', 'credential.revoked',
                'credential.suspended', 'credential.reinstated', 'credential.claimed', 'completion.held_for_review',
                'learner.link', 'compliance.invalid', 'compliance.reminder')),
            subjectID TEXT NOT NULL,
            recipient TEXT,
            createdAt TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL,
            nextAttemptAt TEXT,
            lastError TEXT
        ) STRICT;
        INSERT INTO outboxMessageTyped (id, channel, event, subjectID, recipient, createdAt, state, attempts, nextAttemptAt, lastError)
            SELECT id, channel, event, subjectID, recipient, createdAt, state, attempts, nextAttemptAt, lastError FROM outboxMessage;
        DROP TABLE outboxMessage;
        ALTER TABLE outboxMessageTyped RENAME TO outboxMessage;
        CREATE INDEX outboxMessage_by_state ON outboxMessage(state, createdAt);

        CREATE TABLE statusListTyped (
            id TEXT PRIMARY KEY NOT NULL,
            purpose TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
            capacity INTEGER NOT NULL,
            allocated INTEGER NOT NULL,
            bits BLOB NOT NULL,
            signedCredentialJSON BLOB,
            updatedAt TEXT NOT NULL
        ) STRICT;
        INSERT INTO statusListTyped (id, purpose, capacity, allocated, bits, signedCredentialJSON, updatedAt)
            SELECT id, purpose, capacity, allocated, bits, signedCredentialJSON, updatedAt FROM statusList;
        DROP TABLE statusList;
        ALTER TABLE statusListTyped RENAME TO statusList;
        CREATE INDEX statusList_by_purpose ON statusList(purpose, id);
        """
}
