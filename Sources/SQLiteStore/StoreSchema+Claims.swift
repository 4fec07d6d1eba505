extension StoreSchema {
    /// Claim tracking: when the learner first opened their credential through the link only they
    /// were sent (nullable, so every existing row reads as "not claimed yet"), and the issuer's
    /// secrets, such as the key of those links' claim tokens. A secret is inserted once and never
    /// updated: links already sent must stay valid.
    static let version4Claims = """
        ALTER TABLE credential ADD COLUMN claimedAt TEXT;
        CREATE TABLE issuerSecret (
            name TEXT PRIMARY KEY NOT NULL,
            value BLOB NOT NULL CHECK (length(value) >= 32)
        ) STRICT;
        CREATE TRIGGER issuerSecret_no_update BEFORE UPDATE ON issuerSecret
        BEGIN
            SELECT RAISE(ABORT, 'issuer secrets are never replaced');
        END;
        """
}
