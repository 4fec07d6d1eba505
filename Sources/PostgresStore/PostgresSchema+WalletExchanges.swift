extension PostgresSchema {
    /// Issue 21 points 1 and 2, the equivalent of SQLite's `v14-wallet-exchanges`: VC-API exchanges
    /// and DCC request links, keyed by the SHA-256 of the exchange id (never the id itself).
    static let versionWalletExchanges = """
        CREATE TABLE walletExchange (
            idHash text PRIMARY KEY CHECK (length(idHash) = 64),
            credentialID text NOT NULL,
            protocol text NOT NULL CHECK (protocol IN ('vcapi', 'lcw-request', 'openid4vci')),
            actor text NOT NULL,
            createdAt attest_timestamp NOT NULL,
            expiresAt attest_timestamp NOT NULL,
            state text NOT NULL CHECK (state IN ('open', 'challenged', 'completed')),
            challenge text CHECK (challenge IS NULL OR length(challenge) BETWEEN 16 AND 128),
            challengeExpiresAt attest_timestamp,
            holder text,
            completedAt attest_timestamp,
            CHECK (state = 'open' OR (challenge IS NOT NULL AND challengeExpiresAt IS NOT NULL)),
            CHECK ((state = 'completed') = (holder IS NOT NULL AND completedAt IS NOT NULL))
        );
        CREATE INDEX walletExchange_by_credential ON walletExchange (credentialID, expiresAt);
        CREATE INDEX walletExchange_by_expiry ON walletExchange (expiresAt);
        """
}
