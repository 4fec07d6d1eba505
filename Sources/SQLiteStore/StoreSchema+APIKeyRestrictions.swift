import GRDB

extension StoreSchema {
    /// Registers ``versionAPIKeyRestrictions`` (named `v19-api-key-restrictions`).
    static func registerAPIKeyRestrictions(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v19-api-key-restrictions") { db in
            try db.execute(sql: versionAPIKeyRestrictions)
        }
    }

    /// Issue 18 point 5: an API key's address allow-list (CIDR blocks, space-separated; NULL for
    /// anywhere), the address of its last use, and the token before its last rotation with the
    /// moment that token stops working. The previous token's hash is unique like the current one.
    static let versionAPIKeyRestrictions = """
        ALTER TABLE apiKey ADD COLUMN allowedNetworks TEXT CHECK (allowedNetworks IS NULL OR length(allowedNetworks) BETWEEN 1 AND 4096);
        ALTER TABLE apiKey ADD COLUMN lastUsedAddress TEXT CHECK (lastUsedAddress IS NULL OR length(lastUsedAddress) <= 64);
        ALTER TABLE apiKey ADD COLUMN previousTokenHash TEXT CHECK (previousTokenHash IS NULL OR length(previousTokenHash) = 64);
        ALTER TABLE apiKey ADD COLUMN previousTokenValidUntil TEXT;
        CREATE UNIQUE INDEX apiKey_by_previous_token ON apiKey(previousTokenHash) WHERE previousTokenHash IS NOT NULL;
        """
}
