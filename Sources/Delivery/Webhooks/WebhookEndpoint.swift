import Foundation
import IssuerCore

/// A receiver of Attest's outbound webhooks.
public struct WebhookEndpoint: Sendable, Hashable {
    /// `https://…` (or `http://127.0.0.1…` for tests and sidecars). Also the endpoint's identity in
    /// outbox rows, so changing it makes a new endpoint.
    public var url: String
    /// The shared secret the receiver checks `X-Attest-Signature` with.
    /// - Warning: Generate it randomly (32 bytes or more) and keep it out of logs.
    public var secret: String
    /// The events it wants; `nil` for all.
    public var events: Set<OutboxEvent>?

    /// An endpoint.
    public init(url: String, secret: String, events: Set<OutboxEvent>? = nil) {
        self.url = url
        self.secret = secret
        self.events = events
    }

    /// Whether it wants `event`.
    public func wants(_ event: OutboxEvent) -> Bool { events?.contains(event) ?? true }
}
