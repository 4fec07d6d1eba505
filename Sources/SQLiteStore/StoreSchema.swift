import GRDB

/// The database schema, as named migrations. A migration is never edited once shipped: a change
/// is a new migration (`v2`, …) appended here, so every existing file can be brought forward.
///
/// The rules of ``IssuerStore`` live in SQL, so the database refuses what the protocol refuses
/// even when a bug or a person bypasses the Swift code: primary keys, `UNIQUE(source, eventID)`,
/// one status index per credential, one current credential per learner and program, foreign keys
/// to what a row names, and an audit table that only grows, one sequence number at a time.
/// Tables are STRICT so a column holds only its declared type.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: version1)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: version2)
        }
        // Registered in the order of their names (v3 before v4: the two touch different tables, so
        // the order they ran in before does not matter). GRDB knows a migration by its name and runs
        // those a database lacks in the order registered here, so a shipped name never changes.
        migrator.registerMigration("v3-compliance") { db in
            try db.execute(sql: version3Compliance)
        }
        migrator.registerMigration("v4-claims") { db in
            try db.execute(sql: version4Claims)
        }
        registerSecurity(&migrator)
        registerCompromisedKeys(&migrator)
        registerDocuments(&migrator)
        registerProgramNames(&migrator)
        registerTypedDomain(&migrator)
        registerStaff(&migrator)
        registerConsoleIndexes(&migrator)
        registerLearnerSearch(&migrator)
        registerCredentialOffers(&migrator)
        registerWalletExchanges(&migrator)
        registerUptime(&migrator)
        registerSchedules(&migrator)
        registerAPIKeyRestrictions(&migrator)
        registerEngagement(&migrator)
        registerRollout(&migrator)
        registerDrift(&migrator)
        registerWebhookEndpoints(&migrator)
        registerIntakeHolds(&migrator)
        return migrator
    }

    /// Dates are `DatabaseTimestamp` text (`2026-11-23T09:47:51.123456789Z`); programs, events and
    /// reasons are JSON text; documents and bits are BLOBs. `completion.programID` has no foreign
    /// key on purpose: a completion records what the event reported, and the pipeline refuses
    /// unknown programs before storing; credentials, which certify a program, do point to it.
    private static let version1 = """
        CREATE TABLE issuer (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            did TEXT NOT NULL,
            name TEXT NOT NULL,
            baseURL TEXT NOT NULL,
            email TEXT,
            createdAt TEXT NOT NULL
        ) STRICT;

        CREATE TABLE signingKey (
            id TEXT PRIMARY KEY NOT NULL,
            publicKeyMultibase TEXT NOT NULL,
            fileName TEXT NOT NULL,
            createdAt TEXT NOT NULL,
            retiredAt TEXT
        ) STRICT;

        CREATE TABLE program (
            id TEXT PRIMARY KEY NOT NULL,
            version INTEGER NOT NULL,
            definition TEXT NOT NULL CHECK (json_valid(definition))
        ) STRICT;

        CREATE TABLE learner (
            id TEXT PRIMARY KEY NOT NULL,
            externalID TEXT NOT NULL UNIQUE,
            email TEXT NOT NULL,
            legalName TEXT NOT NULL,
            preferredName TEXT
        ) STRICT;

        CREATE TABLE completion (
            id TEXT PRIMARY KEY NOT NULL,
            source TEXT NOT NULL,
            eventID TEXT NOT NULL,
            programID TEXT NOT NULL,
            learnerID TEXT NOT NULL REFERENCES learner(id),
            event TEXT NOT NULL CHECK (json_valid(event)),
            receivedAt TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('issued', 'held', 'rejected')),
            reasons TEXT NOT NULL CHECK (json_valid(reasons)),
            reviewedBy TEXT,
            reviewNote TEXT,
            reviewedAt TEXT,
            UNIQUE (source, eventID)
        ) STRICT;
        CREATE INDEX completion_by_state ON completion(state, receivedAt);
        CREATE INDEX completion_by_learner ON completion(learnerID);

        CREATE TABLE credential (
            id TEXT PRIMARY KEY NOT NULL,
            insertionOrder INTEGER NOT NULL UNIQUE,
            learnerID TEXT NOT NULL REFERENCES learner(id),
            programID TEXT NOT NULL REFERENCES program(id),
            programVersion INTEGER NOT NULL,
            completionID TEXT NOT NULL REFERENCES completion(id),
            issuedAt TEXT NOT NULL,
            validUntil TEXT,
            state TEXT NOT NULL CHECK (state IN ('pending', 'active', 'suspended', 'revoked', 'superseded')),
            revocationList TEXT NOT NULL,
            revocationIndex INTEGER NOT NULL,
            suspensionList TEXT NOT NULL,
            suspensionIndex INTEGER NOT NULL,
            credentialJSON BLOB,
            pdf BLOB,
            png BLOB,
            passcode TEXT,
            stateReason TEXT,
            supersededBy TEXT,
            supersedes TEXT
        ) STRICT;
        CREATE UNIQUE INDEX credential_revocation_entry ON credential(revocationList, revocationIndex);
        CREATE UNIQUE INDEX credential_suspension_entry ON credential(suspensionList, suspensionIndex);
        CREATE UNIQUE INDEX credential_current ON credential(learnerID, programID) WHERE state <> 'superseded';
        CREATE INDEX credential_by_learner ON credential(learnerID, programID, insertionOrder);
        CREATE INDEX credential_by_program ON credential(programID, insertionOrder);
        CREATE INDEX credential_by_state ON credential(state, insertionOrder);
        CREATE INDEX credential_by_completion ON credential(completionID);

        CREATE TABLE statusList (
            id TEXT PRIMARY KEY NOT NULL,
            purpose TEXT NOT NULL,
            capacity INTEGER NOT NULL,
            allocated INTEGER NOT NULL,
            bits BLOB NOT NULL,
            signedCredentialJSON BLOB,
            updatedAt TEXT NOT NULL
        ) STRICT;
        CREATE INDEX statusList_by_purpose ON statusList(purpose, id);

        CREATE TABLE auditEntry (
            sequence INTEGER PRIMARY KEY NOT NULL,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            actor TEXT NOT NULL,
            subject TEXT NOT NULL,
            data TEXT NOT NULL,
            previousHash TEXT NOT NULL,
            hash TEXT NOT NULL,
            keyID TEXT NOT NULL,
            signature TEXT NOT NULL
        ) STRICT;
        CREATE TRIGGER auditEntry_follows_last BEFORE INSERT ON auditEntry
        WHEN NEW.sequence IS NOT (SELECT coalesce(max(sequence), 0) + 1 FROM auditEntry)
        BEGIN
            SELECT RAISE(ABORT, 'audit entries must follow the last one without gaps');
        END;
        CREATE TRIGGER auditEntry_no_update BEFORE UPDATE ON auditEntry
        BEGIN
            SELECT RAISE(ABORT, 'audit entries are append-only');
        END;
        CREATE TRIGGER auditEntry_no_delete BEFORE DELETE ON auditEntry
        BEGIN
            SELECT RAISE(ABORT, 'audit entries are append-only');
        END;

        CREATE TABLE outboxMessage (
            id TEXT PRIMARY KEY NOT NULL,
            channel TEXT NOT NULL,
            event TEXT NOT NULL,
            subjectID TEXT NOT NULL,
            recipient TEXT,
            createdAt TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            nextAttemptAt TEXT,
            lastError TEXT
        ) STRICT;
        CREATE INDEX outboxMessage_by_state ON outboxMessage(state, createdAt);
        """

    /// API keys for `attest serve` (the token's SHA-256, never the token), and the passcode
    /// lookup of the public `/verify` page.
    private static let version2 = """
        CREATE TABLE apiKey (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('admin', 'issuer', 'lms', 'viewer')),
            tokenHash TEXT NOT NULL UNIQUE,
            hmacSecret TEXT,
            createdAt TEXT NOT NULL,
            revokedAt TEXT
        ) STRICT;
        CREATE INDEX credential_by_passcode ON credential(passcode) WHERE passcode IS NOT NULL;
        """
}
