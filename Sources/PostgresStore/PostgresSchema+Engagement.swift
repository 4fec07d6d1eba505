extension PostgresSchema {
    /// Issue 19 point 8, the equivalent of SQLite's `v20-engagement`: one row per credential, kind
    /// and UTC day, and the three engagement webhooks added to the outbox's events.
    static let versionEngagement = """
        CREATE TABLE engagement (
            credentialID text NOT NULL,
            kind text NOT NULL CHECK (kind IN ('viewed', 'downloaded', 'shared')),
            day text NOT NULL CHECK (length(day) = 10),
            at attest_timestamp NOT NULL,
            PRIMARY KEY (credentialID, kind, day)
        );
        CREATE INDEX engagement_shared ON engagement (credentialID) WHERE kind = 'shared';

        ALTER TABLE outboxMessage DROP CONSTRAINT outboxmessage_event_check;
        ALTER TABLE outboxMessage ADD CONSTRAINT outboxmessage_event_check CHECK (event IN (
            'credential.issued', 'credential.issued.supervisor', 'credential.reissued', 'credential.revoked',
            'credential.suspended', 'credential.reinstated', 'credential.claimed', 'completion.held_for_review',
            'learner.link', 'compliance.invalid', 'compliance.reminder', 'staff.sign_in', 'wallet.transaction_code',
            'credential.expiring', 'credential.expired', 'credential.follow_up',
            'credential.viewed', 'credential.downloaded', 'credential.shared'));
        """
}
