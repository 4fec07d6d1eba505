import Foundation

extension InMemoryTransaction: WebhookEndpointWriting {
    func webhookEndpoints() -> [WebhookEndpointRecord] {
        state.webhookEndpoints.values.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    func webhookDeliveries(url: String, limit: Int) -> [OutboxMessage] {
        Array(state.outbox.values.filter { $0.recipient == url }.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }.prefix(limit))
    }

    func saveWebhookEndpoint(_ endpoint: WebhookEndpointRecord) throws {
        if state.webhookEndpoints.values.contains(where: { $0.url == endpoint.url && $0.id != endpoint.id }) {
            throw IssuerError(.duplicate, "there is already a webhook endpoint for \(endpoint.url)")
        }
        state.webhookEndpoints[endpoint.id] = endpoint
    }

    func deleteWebhookEndpoint(id: String) -> Bool { state.webhookEndpoints.removeValue(forKey: id) != nil }
}
