extension PostgresSchema {
    /// Issue 19 points 6 and 7, the equivalent of SQLite's `v17-schedules`: delayed issuances,
    /// follow-up webhooks and expiry reminders, and their three outbox events.
    static let versionSchedules = """
        CREATE TABLE scheduledWork (
            id text PRIMARY KEY,
            kind text NOT NULL CHECK (kind IN ('issuance', 'followUp', 'expiryReminder', 'expired')),
            subjectID text NOT NULL,
            programID text NOT NULL,
            detail text NOT NULL,
            dueAt attest_timestamp NOT NULL,
            state text NOT NULL CHECK (state IN ('scheduled', 'done', 'cancelled', 'held')),
            finishedAt attest_timestamp,
            note text,
            UNIQUE (kind, subjectID, detail)
        );
        CREATE INDEX scheduledWork_due ON scheduledWork (dueAt, id) WHERE state = 'scheduled';
        CREATE INDEX scheduledWork_by_subject ON scheduledWork (subjectID, dueAt);

        ALTER TABLE outboxMessage DROP CONSTRAINT outboxmessage_event_check;
        ALTER TABLE outboxMessage ADD CONSTRAINT outboxmessage_event_check CHECK (event IN (
            'credential.issued', 'credential.issued.supervisor', 'credential.reissued', 'credential.revoked',
            'credential.suspended', 'credential.reinstated', 'credential.claimed', 'completion.held_for_review',
            'learner.link', 'compliance.invalid', 'compliance.reminder', 'staff.sign_in', 'wallet.transaction_code',
            'credential.expiring', 'credential.expired', 'credential.follow_up'));
        """
}
