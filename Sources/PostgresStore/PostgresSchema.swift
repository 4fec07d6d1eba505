/// The PostgreSQL schema, as named migrations applied in order by ``PostgresMigrator``. A migration
/// is never edited once shipped: a change is a new one appended to ``migrations``.
///
/// `v1` is the equivalent of SQLite's schema after all of its migrations (`v1` … `v12-learner-search`
/// of `SQLiteStore`), written for PostgreSQL, with the same rules in SQL: primary keys,
/// `UNIQUE (source, eventID)`, one status index per list entry, one current credential per learner
/// and program, an audit table that only grows one sequence number at a time, and `CHECK`s on every
/// closed set. Instants are the same fixed-width text as SQLite's (nine fractional digits, `Z`),
/// held to that form by the `attest_timestamp` domain, so every `Date` reads back identical and text
/// order is time order. JSON columns are `json` (kept byte for byte, checked to be JSON).
/// Identifiers are unquoted, so PostgreSQL folds them to lower case and queries may spell them as
/// SQLite's do. SQLite's FTS5 learner index has no table here: `v2-learner-search` gives each
/// learner its folded search words instead.
enum PostgresSchema {
    /// Every migration, in the order it runs.
    static let migrations: [(name: String, sql: String)] = [
        ("v1", version1),
        ("v2-learner-search", version2LearnerSearch),
        ("v3-oid4vci", versionOID4VCI),
        ("v4-wallet-exchanges", versionWalletExchanges),
        ("v5-uptime", versionUptime),
        ("v6-schedules", versionSchedules),
        ("v7-api-key-restrictions", versionAPIKeyRestrictions),
        ("v8-rollout", versionRollout),
        ("v9-drift", versionDrift),
        ("v10-engagement", versionEngagement),
        ("v11-webhook-endpoints", versionWebhookEndpoints),
        ("v12-intake-holds", versionIntakeHolds),
    ]

    private static let version1 = """
        CREATE DOMAIN attest_timestamp AS text
            CHECK (VALUE ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{9}Z$');

        CREATE TABLE issuer (
            id integer PRIMARY KEY CHECK (id = 1),
            did text NOT NULL,
            name text NOT NULL,
            baseURL text NOT NULL,
            email text,
            createdAt attest_timestamp NOT NULL
        );

        CREATE TABLE signingKey (
            id text PRIMARY KEY,
            publicKeyMultibase text NOT NULL,
            fileName text NOT NULL,
            createdAt attest_timestamp NOT NULL,
            retiredAt attest_timestamp,
            compromisedSince attest_timestamp,
            CHECK (compromisedSince IS NULL OR retiredAt IS NOT NULL)
        );
        CREATE FUNCTION signingKey_compromise_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.compromisedSince IS NOT NULL
                AND (NEW.compromisedSince IS NULL OR NEW.compromisedSince > OLD.compromisedSince) THEN
                RAISE EXCEPTION 'a compromised key stays compromised: its compromise time may only move earlier';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER signingKey_compromise_is_final BEFORE UPDATE OF compromisedSince ON signingKey
            FOR EACH ROW EXECUTE FUNCTION signingKey_compromise_is_final();

        CREATE TABLE program (
            id text PRIMARY KEY,
            version bigint NOT NULL,
            definition json NOT NULL CHECK (
                coalesce(definition->>'template', '') IN ('completion', 'achievement', 'compliance')
                AND (definition->'branding'->'pageSize' IS NULL
                    OR coalesce(definition->'branding'->>'pageSize', '') IN ('a4', 'letter')))
        );

        CREATE TABLE learner (
            id text PRIMARY KEY,
            namespace text NOT NULL CHECK (length(namespace) > 0),
            externalID text NOT NULL,
            email text NOT NULL,
            legalName text NOT NULL,
            preferredName text,
            UNIQUE (namespace, externalID)
        );
        CREATE INDEX learner_by_email ON learner (lower(email));
        CREATE INDEX learner_by_certificate_name ON learner (lower(coalesce(preferredName, legalName)), id);
        CREATE INDEX learner_by_external_id ON learner (externalID);

        CREATE TABLE completion (
            id text PRIMARY KEY,
            source text NOT NULL,
            eventID text NOT NULL,
            programID text NOT NULL,
            learnerID text NOT NULL REFERENCES learner (id),
            event json NOT NULL,
            receivedAt attest_timestamp NOT NULL,
            state text NOT NULL CHECK (state IN ('issued', 'held', 'rejected')),
            reasons json NOT NULL,
            reviewedBy text,
            reviewNote text,
            reviewedAt attest_timestamp,
            UNIQUE (source, eventID)
        );
        CREATE INDEX completion_by_state ON completion (state, receivedAt);
        CREATE INDEX completion_by_learner ON completion (learnerID);
        CREATE INDEX completion_by_received_at ON completion (receivedAt);
        CREATE INDEX completion_held_by_program ON completion (programID, receivedAt, id) WHERE state = 'held';

        CREATE TABLE credential (
            id text PRIMARY KEY,
            insertionOrder bigint NOT NULL UNIQUE,
            learnerID text NOT NULL REFERENCES learner (id),
            programID text NOT NULL REFERENCES program (id),
            programVersion bigint NOT NULL,
            completionID text NOT NULL REFERENCES completion (id),
            issuedAt attest_timestamp NOT NULL,
            validUntil attest_timestamp,
            state text NOT NULL CHECK (state IN ('pending', 'active', 'suspended', 'revoked', 'superseded')),
            revocationList text NOT NULL,
            revocationIndex bigint NOT NULL CHECK (revocationIndex >= 0),
            suspensionList text NOT NULL,
            suspensionIndex bigint NOT NULL CHECK (suspensionIndex >= 0),
            passcode text,
            stateReason text,
            supersededBy text,
            supersedes text,
            claimedAt attest_timestamp
        );
        CREATE UNIQUE INDEX credential_revocation_entry ON credential (revocationList, revocationIndex);
        CREATE UNIQUE INDEX credential_suspension_entry ON credential (suspensionList, suspensionIndex);
        CREATE UNIQUE INDEX credential_current ON credential (learnerID, programID) WHERE state <> 'superseded';
        CREATE INDEX credential_by_learner ON credential (learnerID, programID, insertionOrder);
        CREATE INDEX credential_by_program ON credential (programID, insertionOrder);
        CREATE INDEX credential_by_state ON credential (state, insertionOrder);
        CREATE INDEX credential_by_completion ON credential (completionID);
        CREATE INDEX credential_by_passcode ON credential (passcode) WHERE passcode IS NOT NULL;
        CREATE INDEX credential_by_issued_at ON credential (issuedAt);

        CREATE TABLE credentialDocument (
            credentialID text NOT NULL REFERENCES credential (id),
            kind text NOT NULL CHECK (kind IN ('pdf', 'png', 'json')),
            bytes bytea NOT NULL,
            PRIMARY KEY (credentialID, kind)
        );

        CREATE TABLE statusList (
            id text PRIMARY KEY,
            purpose text NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
            capacity bigint NOT NULL CHECK (capacity > 0),
            allocated bigint NOT NULL CHECK (allocated >= 0 AND allocated <= capacity),
            bits bytea NOT NULL,
            signedCredentialJSON bytea,
            updatedAt attest_timestamp NOT NULL
        );
        CREATE INDEX statusList_by_purpose ON statusList (purpose, id);

        CREATE TABLE auditEntry (
            sequence bigint PRIMARY KEY,
            at attest_timestamp NOT NULL,
            kind text NOT NULL,
            actor text NOT NULL,
            subject text NOT NULL,
            data text NOT NULL,
            previousHash text NOT NULL,
            hash text NOT NULL,
            keyID text NOT NULL,
            signature text NOT NULL
        );
        CREATE INDEX auditEntry_by_actor ON auditEntry (actor, sequence);
        CREATE INDEX auditEntry_by_kind ON auditEntry (kind, sequence);
        CREATE INDEX auditEntry_by_subject ON auditEntry (subject, sequence);
        CREATE INDEX auditEntry_by_time ON auditEntry (at, sequence);
        -- One head: an entry must follow the last one. Two SERIALIZABLE writers that both saw the
        -- same last entry collide on the primary key, and PostgreSQL answers the later one with a
        -- serialization failure (40001), which the store retries: the chain never forks.
        CREATE FUNCTION auditEntry_follows_last() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.sequence IS DISTINCT FROM (SELECT coalesce(max(sequence), 0) + 1 FROM auditEntry) THEN
                RAISE EXCEPTION 'audit entries must follow the last one without gaps';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER auditEntry_follows_last BEFORE INSERT ON auditEntry
            FOR EACH ROW EXECUTE FUNCTION auditEntry_follows_last();
        CREATE FUNCTION attest_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '%', TG_ARGV[0];
        END $$;
        CREATE TRIGGER auditEntry_append_only BEFORE UPDATE OR DELETE ON auditEntry
            FOR EACH ROW EXECUTE FUNCTION attest_refuse_change('audit entries are append-only');
        CREATE TRIGGER auditEntry_no_truncate BEFORE TRUNCATE ON auditEntry
            FOR EACH STATEMENT EXECUTE FUNCTION attest_refuse_change('audit entries are append-only');

        CREATE TABLE outboxMessage (
            id text PRIMARY KEY,
            channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
            event text NOT NULL CHECK (event IN (
                'credential.issued', 'credential.issued.supervisor', 'credential.reissued', 'credential.revoked',
                'credential.suspended', 'credential.reinstated', 'credential.claimed', 'completion.held_for_review',
                'learner.link', 'compliance.invalid', 'compliance.reminder', 'staff.sign_in')),
            subjectID text NOT NULL,
            recipient text,
            createdAt attest_timestamp NOT NULL,
            state text NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
            attempts bigint NOT NULL CHECK (attempts >= 0),
            nextAttemptAt attest_timestamp,
            lastError text
        );
        CREATE INDEX outboxMessage_by_state ON outboxMessage (state, createdAt);
        CREATE INDEX outboxMessage_by_created_at ON outboxMessage (createdAt);
        CREATE INDEX outboxMessage_by_subject ON outboxMessage (subjectID, createdAt);

        CREATE TABLE apiKey (
            id text PRIMARY KEY,
            name text NOT NULL UNIQUE,
            role text NOT NULL CHECK (role IN ('admin', 'issuer', 'lms', 'viewer')),
            tokenHash text NOT NULL UNIQUE,
            hmacSecret text,
            createdAt attest_timestamp NOT NULL,
            revokedAt attest_timestamp,
            requiresHMAC boolean NOT NULL DEFAULT false,
            expiresAt attest_timestamp,
            lastUsedAt attest_timestamp
        );

        CREATE TABLE learnerLink (
            addressHash text PRIMARY KEY CHECK (length(addressHash) = 64),
            requestedAt attest_timestamp NOT NULL,
            tokenHash text CHECK (tokenHash IS NULL OR length(tokenHash) = 64),
            issuedAt attest_timestamp,
            expiresAt attest_timestamp
        );

        CREATE TABLE issuerSecret (
            name text PRIMARY KEY,
            value bytea NOT NULL CHECK (length(value) >= 32)
        );
        CREATE TRIGGER issuerSecret_no_update BEFORE UPDATE ON issuerSecret
            FOR EACH ROW EXECUTE FUNCTION attest_refuse_change('issuer secrets are never replaced');

        CREATE TABLE trainingConfiguration (
            id text PRIMARY KEY,
            definition json NOT NULL
        );

        CREATE TABLE trainingAssignment (
            id text PRIMARY KEY,
            learnerID text NOT NULL REFERENCES learner (id),
            configurationID text NOT NULL REFERENCES trainingConfiguration (id),
            moduleID text,
            assignedAt attest_timestamp NOT NULL,
            assignedBy text NOT NULL,
            removedAt attest_timestamp,
            removedBy text
        );
        CREATE INDEX trainingAssignment_by_learner ON trainingAssignment (learnerID, assignedAt);

        CREATE TABLE trainingCompletion (
            id text PRIMARY KEY,
            learnerID text NOT NULL REFERENCES learner (id),
            moduleID text NOT NULL,
            completedAt attest_timestamp NOT NULL,
            recordedAt attest_timestamp NOT NULL,
            recordedBy text NOT NULL,
            removedAt attest_timestamp,
            removedBy text,
            removalReason text
        );
        CREATE INDEX trainingCompletion_by_learner ON trainingCompletion (learnerID, completedAt);
        CREATE TRIGGER trainingCompletion_no_delete BEFORE DELETE ON trainingCompletion
            FOR EACH ROW EXECUTE FUNCTION attest_refuse_change(
                'training completions are removed by recording the removal, never deleted');

        CREATE TABLE complianceWatch (
            learnerID text NOT NULL REFERENCES learner (id),
            configurationID text NOT NULL REFERENCES trainingConfiguration (id),
            nextCheckAt attest_timestamp,
            valid boolean NOT NULL,
            remindedCompletionIDs json NOT NULL,
            updatedAt attest_timestamp NOT NULL,
            PRIMARY KEY (learnerID, configurationID)
        );
        CREATE INDEX complianceWatch_by_next_check ON complianceWatch (nextCheckAt) WHERE nextCheckAt IS NOT NULL;

        CREATE TABLE staffMember (
            id text PRIMARY KEY,
            email text NOT NULL UNIQUE CHECK (length(email) > 0 AND email = lower(email)),
            name text NOT NULL CHECK (length(name) > 0),
            role text NOT NULL CHECK (role IN ('admin', 'issuer', 'reviewer', 'viewer')),
            createdAt attest_timestamp NOT NULL,
            disabledAt attest_timestamp,
            totpSecret bytea,
            totpLastStep bigint
        );

        CREATE TABLE staffSignInLink (
            tokenHash text PRIMARY KEY CHECK (length(tokenHash) = 64),
            staffID text NOT NULL REFERENCES staffMember (id),
            createdAt attest_timestamp NOT NULL,
            expiresAt attest_timestamp NOT NULL,
            usedAt attest_timestamp
        );
        CREATE INDEX staffSignInLink_by_expiry ON staffSignInLink (expiresAt);

        CREATE TABLE staffSession (
            idHash text PRIMARY KEY CHECK (length(idHash) = 64),
            staffID text NOT NULL REFERENCES staffMember (id),
            csrfToken text NOT NULL CHECK (length(csrfToken) >= 32),
            createdAt attest_timestamp NOT NULL,
            lastSeenAt attest_timestamp NOT NULL,
            endedAt attest_timestamp,
            awaitingSecondFactor boolean NOT NULL
        );
        CREATE INDEX staffSession_by_member ON staffSession (staffID, endedAt);

        CREATE TABLE staffSettings (
            id integer PRIMARY KEY CHECK (id = 1),
            requireSecondFactor boolean NOT NULL
        );
        """
}
