import Foundation

/// Adding, changing and removing webhook endpoints.
public protocol WebhookEndpointWriting: WebhookEndpointReading {
    /// Inserts the endpoint, or replaces the one with the same id; a second endpoint with the same URL is refused (`duplicate`).
    func saveWebhookEndpoint(_ endpoint: WebhookEndpointRecord) throws
    /// Removes endpoint `id`; whether there was one.
    @discardableResult
    func deleteWebhookEndpoint(id: String) throws -> Bool
}
