import Foundation

/// The webhook endpoints kept in the store (``WebhookEndpointRecord``).
public protocol WebhookEndpointReading {
    /// Every endpoint, oldest first.
    func webhookEndpoints() throws -> [WebhookEndpointRecord]
    /// The newest `limit` outbox rows addressed to `url` (one endpoint's deliveries), newest first.
    func webhookDeliveries(url: String, limit: Int) throws -> [OutboxMessage]
}
