import GRDB

extension StoreSchema {
    /// Registers ``version14WalletExchanges`` (named `v14-wallet-exchanges`).
    static func registerWalletExchanges(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v14-wallet-exchanges") { db in
            try db.execute(sql: version14WalletExchanges)
        }
    }

    /// Issue 21 points 1 and 2: VC-API exchanges and DCC request links, keyed by the SHA-256 of
    /// the exchange id (a bearer capability, never stored itself). A challenged exchange has a
    /// challenge and its expiry; a completed one its holder and moment. No foreign key to the
    /// credential: an exchange is a short-lived record about it, deleted a day after it ends.
    static let version14WalletExchanges = """
        CREATE TABLE walletExchange (
            idHash TEXT PRIMARY KEY NOT NULL CHECK (length(idHash) = 64),
            credentialID TEXT NOT NULL,
            protocol TEXT NOT NULL CHECK (protocol IN ('vcapi', 'lcw-request', 'openid4vci')),
            actor TEXT NOT NULL,
            createdAt TEXT NOT NULL,
            expiresAt TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('open', 'challenged', 'completed')),
            challenge TEXT CHECK (challenge IS NULL OR length(challenge) BETWEEN 16 AND 128),
            challengeExpiresAt TEXT,
            holder TEXT,
            completedAt TEXT,
            CHECK (state = 'open' OR (challenge IS NOT NULL AND challengeExpiresAt IS NOT NULL)),
            CHECK ((state = 'completed') = (holder IS NOT NULL AND completedAt IS NOT NULL))
        ) STRICT;
        CREATE INDEX walletExchange_by_credential ON walletExchange(credentialID, expiresAt);
        CREATE INDEX walletExchange_by_expiry ON walletExchange(expiresAt);
        """
}
