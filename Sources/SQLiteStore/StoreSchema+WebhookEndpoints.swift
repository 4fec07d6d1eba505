import GRDB

extension StoreSchema {
    /// Registers ``versionWebhookEndpoints`` (named `v23-webhook-endpoints`).
    static func registerWebhookEndpoints(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v23-webhook-endpoints") { db in
            try db.execute(sql: versionWebhookEndpoints)
        }
    }

    /// Issue 18 point 5: webhook endpoints managed from the console, their secrets sealed with the
    /// store's sealing key (as API keys' HMAC secrets), one endpoint per URL.
    static let versionWebhookEndpoints = """
        CREATE TABLE webhookEndpoint (
            id TEXT PRIMARY KEY NOT NULL,
            url TEXT NOT NULL UNIQUE,
            events TEXT,
            secret TEXT NOT NULL,
            previousSecret TEXT,
            previousSecretUntil TEXT,
            createdAt TEXT NOT NULL,
            CHECK ((previousSecret IS NULL) = (previousSecretUntil IS NULL))
        ) STRICT;
        CREATE INDEX outboxMessage_by_recipient ON outboxMessage(recipient, createdAt);
        """
}
