extension PostgresSchema {
    /// Issue 18 point 5, the equivalent of SQLite's `v23-webhook-endpoints`.
    static let versionWebhookEndpoints = """
        CREATE TABLE webhookEndpoint (
            id text PRIMARY KEY,
            url text NOT NULL UNIQUE,
            events text,
            secret text NOT NULL,
            previousSecret text,
            previousSecretUntil attest_timestamp,
            createdAt attest_timestamp NOT NULL,
            CHECK ((previousSecret IS NULL) = (previousSecretUntil IS NULL))
        );
        CREATE INDEX outboxMessage_by_recipient ON outboxMessage (recipient, createdAt);
        """
}
