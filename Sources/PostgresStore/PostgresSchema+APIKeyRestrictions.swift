extension PostgresSchema {
    /// Issue 18 point 5, the equivalent of SQLite's `v19-api-key-restrictions`: an API key's address
    /// allow-list (CIDR blocks, space-separated; NULL for anywhere), the address of its last use,
    /// and the token before its last rotation with the moment that token stops working.
    static let versionAPIKeyRestrictions = """
        ALTER TABLE apiKey ADD COLUMN allowedNetworks text CHECK (allowedNetworks IS NULL OR length(allowedNetworks) BETWEEN 1 AND 4096);
        ALTER TABLE apiKey ADD COLUMN lastUsedAddress text CHECK (lastUsedAddress IS NULL OR length(lastUsedAddress) <= 64);
        ALTER TABLE apiKey ADD COLUMN previousTokenHash text UNIQUE CHECK (previousTokenHash IS NULL OR length(previousTokenHash) = 64);
        ALTER TABLE apiKey ADD COLUMN previousTokenValidUntil attest_timestamp;
        """
}
