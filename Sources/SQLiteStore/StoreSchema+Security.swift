import GRDB

extension StoreSchema {
    /// Registers ``version5Security`` (named `v5-security`).
    static func registerSecurity(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-security") { db in
            try db.execute(sql: version5Security)
        }
    }

    /// Issue 14 (points 3, 4, 5): learners scoped by the system that reports them, magic links
    /// kept as hashes, and API keys that expire, record when they were last used and may require
    /// signed events.
    ///
    /// `learner` is rebuilt (SQLite cannot drop the old `UNIQUE(externalID)`): the same external id
    /// may now exist once per namespace. An existing learner is put in the namespace of the system
    /// that first reported them: `api:NAME` when their first completion came from an API key
    /// (source `NAME` of a stored key, or `api:NAME`), `local` otherwise (CLI, CSV import,
    /// compliance). Learner-link outbox rows lose the live tokens they held (the email is now
    /// composed with a new link at send time). Foreign keys are off while a migration runs and checked before it commits, so
    /// completions, credentials and training rows keep pointing at the same learner ids.
    static let version5Security = """
        CREATE TABLE learnerScoped (
            id TEXT PRIMARY KEY NOT NULL,
            namespace TEXT NOT NULL CHECK (length(namespace) > 0),
            externalID TEXT NOT NULL,
            email TEXT NOT NULL,
            legalName TEXT NOT NULL,
            preferredName TEXT,
            UNIQUE (namespace, externalID)
        ) STRICT;
        INSERT INTO learnerScoped (id, namespace, externalID, email, legalName, preferredName)
        SELECT learner.id,
            coalesce((
                SELECT CASE
                    WHEN completion.source IN ('cli', 'csv', 'compliance') THEN 'local'
                    WHEN completion.source LIKE 'api:%' THEN completion.source
                    WHEN EXISTS (SELECT 1 FROM apiKey WHERE apiKey.name = completion.source) THEN 'api:' || completion.source
                    ELSE 'local' END
                FROM completion WHERE completion.learnerID = learner.id
                ORDER BY completion.receivedAt, completion.id LIMIT 1), 'local'),
            learner.externalID, learner.email, learner.legalName, learner.preferredName
        FROM learner;
        DROP TABLE learner;
        ALTER TABLE learnerScoped RENAME TO learner;
        CREATE INDEX learner_by_email ON learner(lower(email));

        CREATE TABLE learnerLink (
            addressHash TEXT PRIMARY KEY NOT NULL CHECK (length(addressHash) = 64),
            requestedAt TEXT NOT NULL,
            tokenHash TEXT CHECK (tokenHash IS NULL OR length(tokenHash) = 64),
            issuedAt TEXT,
            expiresAt TEXT
        ) STRICT;

        ALTER TABLE apiKey ADD COLUMN requiresHMAC INTEGER NOT NULL DEFAULT 0 CHECK (requiresHMAC IN (0, 1));
        ALTER TABLE apiKey ADD COLUMN expiresAt TEXT;
        ALTER TABLE apiKey ADD COLUMN lastUsedAt TEXT;

        UPDATE outboxMessage SET subjectID = 'redacted' WHERE event = 'learner.link';
        """
}
