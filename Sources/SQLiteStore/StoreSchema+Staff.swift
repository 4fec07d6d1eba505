import GRDB
import IssuerCore

extension StoreSchema {
    /// Registers ``version10Staff`` (named `v10-staff`).
    static func registerStaff(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v10-staff") { db in
            try db.execute(sql: version10Staff)
            try widenOutboxEvents(db, to: version10OutboxEvents)
        }
    }

    /// Issue 17 (points 1–4, 9): staff accounts, their emailed sign-in links and console sessions
    /// (both kept as SHA-256 hashes of the secret, never the secret), the console settings, and
    /// indexes for the Audit page's filters (actor, kind, subject, time), which page in SQL.
    static let version10Staff = """
        CREATE TABLE staffMember (
            id TEXT PRIMARY KEY NOT NULL,
            email TEXT NOT NULL UNIQUE CHECK (length(email) > 0 AND email = lower(email)),
            name TEXT NOT NULL CHECK (length(name) > 0),
            role TEXT NOT NULL CHECK (role IN ('admin', 'issuer', 'reviewer', 'viewer')),
            createdAt TEXT NOT NULL,
            disabledAt TEXT,
            totpSecret BLOB,
            totpLastStep INTEGER
        ) STRICT;

        CREATE TABLE staffSignInLink (
            tokenHash TEXT PRIMARY KEY NOT NULL CHECK (length(tokenHash) = 64),
            staffID TEXT NOT NULL REFERENCES staffMember(id),
            createdAt TEXT NOT NULL,
            expiresAt TEXT NOT NULL,
            usedAt TEXT
        ) STRICT;
        CREATE INDEX staffSignInLink_by_expiry ON staffSignInLink(expiresAt);

        CREATE TABLE staffSession (
            idHash TEXT PRIMARY KEY NOT NULL CHECK (length(idHash) = 64),
            staffID TEXT NOT NULL REFERENCES staffMember(id),
            csrfToken TEXT NOT NULL CHECK (length(csrfToken) >= 32),
            createdAt TEXT NOT NULL,
            lastSeenAt TEXT NOT NULL,
            endedAt TEXT,
            awaitingSecondFactor INTEGER NOT NULL CHECK (awaitingSecondFactor IN (0, 1))
        ) STRICT;
        CREATE INDEX staffSession_by_member ON staffSession(staffID, endedAt);

        CREATE TABLE staffSettings (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            requireSecondFactor INTEGER NOT NULL CHECK (requireSecondFactor IN (0, 1))
        ) STRICT;

        CREATE INDEX auditEntry_by_actor ON auditEntry(actor, sequence);
        CREATE INDEX auditEntry_by_kind ON auditEntry(kind, sequence);
        CREATE INDEX auditEntry_by_subject ON auditEntry(subject, sequence);
        CREATE INDEX auditEntry_by_time ON auditEntry(at, sequence);
        """

    /// The outbox events `v10-staff` allows: those of `v9-typed-domain` and `staff.sign_in` (the
    /// console's sign-in link email). Literal, like v9's: a shipped migration never changes.
    static let version10OutboxEvents = [
        "credential.issued", "credential.issued.supervisor", "credential.reissued", "credential.revoked", "credential.suspended",
        "credential.reinstated", "credential.claimed", "completion.held_for_review", "learner.link", "compliance.invalid",
        "compliance.reminder", "staff.sign_in",
    ]

    /// Rebuilds `outboxMessage` with `events` as the `CHECK` on `event` (SQLite cannot alter a
    /// `CHECK`), the documented way: new table, copy, drop, rename, then every index the old table
    /// had, read back from `sqlite_master` so an index another migration added is kept too. Used by
    /// every migration that adds an outbox event (`v10-staff`, `v13-oid4vci`), each with its own literal list.
    static func widenOutboxEvents(_ db: Database, to allowedEvents: [String]) throws {
        let indexes = try String.fetchAll(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outboxMessage' AND sql IS NOT NULL")
        let events = allowedEvents.map { "'\($0)'" }.joined(separator: ", ")
        try db.execute(
            sql: """
                CREATE TABLE outboxMessageStaff (
                    id TEXT PRIMARY KEY NOT NULL,
                    channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
                    event TEXT NOT NULL CHECK (event IN (\(events))),
                    subjectID TEXT NOT NULL,
                    recipient TEXT,
                    createdAt TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
                    attempts INTEGER NOT NULL,
                    nextAttemptAt TEXT,
                    lastError TEXT
                ) STRICT;
                INSERT INTO outboxMessageStaff (id, channel, event, subjectID, recipient, createdAt, state, attempts, nextAttemptAt, lastError)
                    SELECT id, channel, event, subjectID, recipient, createdAt, state, attempts, nextAttemptAt, lastError FROM outboxMessage;
                DROP TABLE outboxMessage;
                ALTER TABLE outboxMessageStaff RENAME TO outboxMessage;
                """)
        for index in indexes { try db.execute(sql: index) }
    }
}
