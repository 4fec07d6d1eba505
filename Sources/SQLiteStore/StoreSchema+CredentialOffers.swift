import GRDB
import IssuerCore

extension StoreSchema {
    /// Registers ``version13CredentialOffers`` (named `v13-oid4vci`).
    static func registerCredentialOffers(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v13-oid4vci") { db in
            try db.execute(sql: version13CredentialOffers)
            try widenOutboxEvents(db, to: version13OutboxEvents)
        }
    }

    /// Issue 21 point 3 (OpenID4VCI): credential offers, each secret kept as its SHA-256 hash (the
    /// pre-authorized code, the transaction code, the access token and the deferred transaction id,
    /// each unique), and the `c_nonce`s of the nonce endpoint. An offer names a credential or a held
    /// completion, never both. No foreign keys to credentials or completions: an offer is a
    /// short-lived record about them, deleted when it ends, never a reason to keep them.
    static let version13CredentialOffers = """
        CREATE TABLE credentialOffer (
            id TEXT PRIMARY KEY NOT NULL,
            codeHash TEXT NOT NULL UNIQUE CHECK (length(codeHash) = 64),
            learnerID TEXT NOT NULL,
            credentialID TEXT,
            completionID TEXT,
            state TEXT NOT NULL CHECK (state IN ('offered', 'redeemed', 'deferred', 'issued', 'closed')),
            createdAt TEXT NOT NULL,
            expiresAt TEXT NOT NULL,
            transactionCodeHash TEXT CHECK (transactionCodeHash IS NULL OR length(transactionCodeHash) = 64),
            failedTransactionCodes INTEGER NOT NULL CHECK (failedTransactionCodes >= 0),
            accessTokenHash TEXT UNIQUE CHECK (accessTokenHash IS NULL OR length(accessTokenHash) = 64),
            accessTokenExpiresAt TEXT,
            transactionIDHash TEXT UNIQUE CHECK (transactionIDHash IS NULL OR length(transactionIDHash) = 64),
            transactionExpiresAt TEXT,
            holderDID TEXT,
            createdBy TEXT NOT NULL,
            CHECK ((credentialID IS NULL) <> (completionID IS NULL))
        ) STRICT;
        CREATE INDEX credentialOffer_by_expiry ON credentialOffer(expiresAt);

        CREATE TABLE walletNonce (
            value TEXT PRIMARY KEY NOT NULL CHECK (length(value) BETWEEN 16 AND 128),
            createdAt TEXT NOT NULL,
            expiresAt TEXT NOT NULL,
            usedAt TEXT
        ) STRICT;
        CREATE INDEX walletNonce_by_expiry ON walletNonce(expiresAt);
        """

    /// The outbox events `v13-oid4vci` allows: those of `v10-staff` and `wallet.transaction_code`
    /// (the email with an OpenID4VCI offer's transaction code). Literal: a shipped migration never changes.
    static let version13OutboxEvents = version10OutboxEvents + ["wallet.transaction_code"]
}
