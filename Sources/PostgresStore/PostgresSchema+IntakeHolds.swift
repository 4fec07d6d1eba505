extension PostgresSchema {
    /// Issue 19 point 4, the equivalent of SQLite's `v24-intake-holds` (named `v12-intake-holds`
    /// here): events kept `unknownProgram` and `invalidLearner`, and the learner's email about
    /// missing prerequisites added to the outbox's events.
    static let versionIntakeHolds = """
        ALTER TABLE parkedEvent DROP CONSTRAINT parkedevent_state_check;
        ALTER TABLE parkedEvent ADD CONSTRAINT parkedevent_state_check
            CHECK (state IN ('unmapped', 'disabled', 'unknownProgram', 'invalidLearner'));

        ALTER TABLE outboxMessage DROP CONSTRAINT outboxmessage_event_check;
        ALTER TABLE outboxMessage ADD CONSTRAINT outboxmessage_event_check CHECK (event IN (
            'credential.issued', 'credential.issued.supervisor', 'credential.reissued', 'credential.revoked',
            'credential.suspended', 'credential.reinstated', 'credential.claimed', 'completion.held_for_review',
            'learner.link', 'compliance.invalid', 'compliance.reminder', 'staff.sign_in', 'wallet.transaction_code',
            'credential.expiring', 'credential.expired', 'credential.follow_up',
            'credential.viewed', 'credential.downloaded', 'credential.shared', 'completion.prerequisites_missing'));
        """
}
