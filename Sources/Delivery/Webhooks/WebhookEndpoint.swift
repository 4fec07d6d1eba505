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
    /// The secret before a rotation, which also signs until ``previousSecretUntil``.
    public var previousSecret: String?
    /// When the previous secret stops signing.
    public var previousSecretUntil: Date?

    /// An endpoint.
    public init(url: String, secret: String, events: Set<OutboxEvent>? = nil, previousSecret: String? = nil, previousSecretUntil: Date? = nil) {
        self.url = url
        self.secret = secret
        self.events = events
        self.previousSecret = previousSecret
        self.previousSecretUntil = previousSecretUntil
    }

    /// An endpoint kept in the store (added from the console or `attest webhooks add`).
    public init(_ record: WebhookEndpointRecord) {
        self.init(
            url: record.url, secret: record.secret, events: record.events.map(Set.init), previousSecret: record.previousSecret,
            previousSecretUntil: record.previousSecretUntil)
    }

    /// The secrets that sign at `date`: the current one, and the previous one during its overlap.
    public func signingSecrets(at date: Date) -> [String] {
        guard let previousSecret, let until = previousSecretUntil, date < until else { return [secret] }
        return [secret, previousSecret]
    }

    /// Whether it wants `event`.
    public func wants(_ event: OutboxEvent) -> Bool { events?.contains(event) ?? true }
}
