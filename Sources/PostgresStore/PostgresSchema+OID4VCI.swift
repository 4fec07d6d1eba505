extension PostgresSchema {
    /// Issue 21 point 3 (OpenID4VCI), the equivalent of SQLite's `v13-oid4vci`: credential offers,
    /// each secret as its SHA-256 hash (each unique), the nonces of the nonce endpoint, and
    /// `wallet.transaction_code` among the outbox events.
    static let versionOID4VCI = """
        CREATE TABLE credentialOffer (
            id text PRIMARY KEY,
            codeHash text NOT NULL UNIQUE CHECK (length(codeHash) = 64),
            learnerID text NOT NULL,
            credentialID text,
            completionID text,
            state text NOT NULL CHECK (state IN ('offered', 'redeemed', 'deferred', 'issued', 'closed')),
            createdAt attest_timestamp NOT NULL,
            expiresAt attest_timestamp NOT NULL,
            transactionCodeHash text CHECK (transactionCodeHash IS NULL OR length(transactionCodeHash) = 64),
            failedTransactionCodes bigint NOT NULL CHECK (failedTransactionCodes >= 0),
            accessTokenHash text UNIQUE CHECK (accessTokenHash IS NULL OR length(accessTokenHash) = 64),
            accessTokenExpiresAt attest_timestamp,
            transactionIDHash text UNIQUE CHECK (transactionIDHash IS NULL OR length(transactionIDHash) = 64),
            transactionExpiresAt attest_timestamp,
            holderDID text,
            createdBy text NOT NULL,
            CHECK ((credentialID IS NULL) <> (completionID IS NULL))
        );
        CREATE INDEX credentialOffer_by_expiry ON credentialOffer (expiresAt);

        CREATE TABLE walletNonce (
            value text PRIMARY KEY CHECK (length(value) BETWEEN 16 AND 128),
            createdAt attest_timestamp NOT NULL,
            expiresAt attest_timestamp NOT NULL,
            usedAt attest_timestamp
        );
        CREATE INDEX walletNonce_by_expiry ON walletNonce (expiresAt);

        ALTER TABLE outboxMessage DROP CONSTRAINT outboxmessage_event_check;
        ALTER TABLE outboxMessage ADD CONSTRAINT outboxmessage_event_check CHECK (event IN (
            'credential.issued', 'credential.issued.supervisor', 'credential.reissued', 'credential.revoked',
            'credential.suspended', 'credential.reinstated', 'credential.claimed', 'completion.held_for_review',
            'learner.link', 'compliance.invalid', 'compliance.reminder', 'staff.sign_in', 'wallet.transaction_code'));
        """
}
