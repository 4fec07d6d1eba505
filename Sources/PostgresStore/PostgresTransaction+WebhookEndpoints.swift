import Foundation
import IssuerCore
import PostgresNIO

// Webhook endpoints (``IssuerCore/WebhookEndpointWriting``), as SQLiteTransaction+WebhookEndpoints.
extension PostgresTransaction: WebhookEndpointWriting {
    func webhookEndpoints() throws -> [WebhookEndpointRecord] {
        try rows(
            "SELECT id, url, events, secret, previousSecret, previousSecretUntil, createdAt FROM webhookEndpoint ORDER BY createdAt, id COLLATE \"C\""
        ).map { row in
            var row = row
            let id: String = try row()
            let url: String = try row()
            let events = try WebhookEndpointRecord.events(storedText: try row.optional(), endpointID: id)
            let secret = try sealer.open(try row())
            let previous: String? = try row.optional()
            return WebhookEndpointRecord(
                id: id, url: url, events: events, secret: secret, previousSecret: try previous.map { try sealer.open($0) },
                previousSecretUntil: try row.optionalDate(), createdAt: try row.date())
        }
    }

    func webhookDeliveries(url: String, limit: Int) throws -> [OutboxMessage] {
        try rows(
            "SELECT \(Self.outboxColumns) FROM outboxMessage WHERE recipient = $1 ORDER BY createdAt DESC, id COLLATE \"C\" DESC LIMIT $2",
            [url, limit]
        ).map(Self.outboxMessage)
    }

    func saveWebhookEndpoint(_ endpoint: WebhookEndpointRecord) throws {
        if try value(Int.self, "SELECT count(*) FROM webhookEndpoint WHERE url = $1 AND id <> $2", [endpoint.url, endpoint.id]) ?? 0 > 0 {
            throw IssuerError(.duplicate, "there is already a webhook endpoint for \(endpoint.url)")
        }
        try execute(
            """
            INSERT INTO webhookEndpoint (id, url, events, secret, previousSecret, previousSecretUntil, createdAt)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (id) DO UPDATE SET url = excluded.url, events = excluded.events, secret = excluded.secret,
                previousSecret = excluded.previousSecret, previousSecretUntil = excluded.previousSecretUntil
            """,
            [
                endpoint.id, endpoint.url, WebhookEndpointRecord.eventsText(endpoint.events), sealer.seal(endpoint.secret),
                endpoint.previousSecret.map(sealer.seal), endpoint.previousSecretUntil, endpoint.createdAt,
            ])
    }

    func deleteWebhookEndpoint(id: String) throws -> Bool {
        try execute("DELETE FROM webhookEndpoint WHERE id = $1 RETURNING 1", [id]) == 1
    }
}
