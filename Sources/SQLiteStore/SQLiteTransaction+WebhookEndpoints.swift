import Foundation
import GRDB
import IssuerCore

extension SQLiteTransaction: WebhookEndpointWriting {
    func webhookEndpoints() throws -> [WebhookEndpointRecord] {
        try Row.fetchAll(
            db,
            sql: "SELECT id, url, events, secret, previousSecret, previousSecretUntil, createdAt FROM webhookEndpoint ORDER BY createdAt, id"
        ).map { row in
            let id: String = row["id"]
            return WebhookEndpointRecord(
                id: id, url: row["url"], events: try WebhookEndpointRecord.events(storedText: row["events"], endpointID: id),
                secret: try sealer.open(row["secret"]), previousSecret: try (row["previousSecret"] as String?).map { try sealer.open($0) },
                previousSecretUntil: try (row["previousSecretUntil"] as String?).map {
                    try DatabaseTimestamp.date(reading: $0, of: "webhook endpoint \(id)")
                },
                createdAt: try DatabaseTimestamp.date(reading: row["createdAt"], of: "webhook endpoint \(id)"))
        }
    }

    func webhookDeliveries(url: String, limit: Int) throws -> [OutboxMessage] {
        try OutboxMessageRow.filter(Column("recipient") == url).order(Column("createdAt").desc, Column("id").desc).limit(limit).fetchAll(db)
            .map { try $0.message() }
    }

    func saveWebhookEndpoint(_ endpoint: WebhookEndpointRecord) throws {
        do {
            try db.execute(
                sql: """
                    INSERT INTO webhookEndpoint (id, url, events, secret, previousSecret, previousSecretUntil, createdAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET url = excluded.url, events = excluded.events, secret = excluded.secret,
                        previousSecret = excluded.previousSecret, previousSecretUntil = excluded.previousSecretUntil
                    """,
                arguments: [
                    endpoint.id, endpoint.url, WebhookEndpointRecord.eventsText(endpoint.events), sealer.seal(endpoint.secret),
                    endpoint.previousSecret.map(sealer.seal), endpoint.previousSecretUntil.map(DatabaseTimestamp.text(from:)),
                    DatabaseTimestamp.text(from: endpoint.createdAt),
                ])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw IssuerError(.duplicate, "there is already a webhook endpoint for \(endpoint.url)")
        }
    }

    func deleteWebhookEndpoint(id: String) throws -> Bool {
        try db.execute(sql: "DELETE FROM webhookEndpoint WHERE id = ?", arguments: [id])
        return db.changesCount == 1
    }
}
