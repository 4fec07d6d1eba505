import Foundation

/// A webhook endpoint added from the console or `attest webhooks add` (kept in the store, so every
/// instance sends to it; endpoints in `attest.json` still work beside these). Its secret signs
/// `X-Attest-Signature`; after a rotation the previous secret signs too until the overlap ends,
/// so a receiver can switch at its own pace.
public struct WebhookEndpointRecord: Sendable, Hashable {
    /// `wh-` and 12 random characters.
    public var id: String
    /// `https://…` (or `http://`). Also the endpoint's name in outbox rows.
    public var url: String
    /// The events it wants; `nil` for all.
    public var events: [OutboxEvent]?
    /// The signing secret (stored sealed).
    public var secret: String
    /// The secret before the last rotation, which also signs until ``previousSecretUntil``.
    public var previousSecret: String?
    /// When the previous secret stops signing.
    public var previousSecretUntil: Date?
    /// When it was added.
    public var createdAt: Date

    /// An endpoint.
    public init(
        id: String, url: String, events: [OutboxEvent]?, secret: String, previousSecret: String? = nil, previousSecretUntil: Date? = nil,
        createdAt: Date
    ) {
        self.id = id
        self.url = url
        self.events = events
        self.secret = secret
        self.previousSecret = previousSecret
        self.previousSecretUntil = previousSecretUntil
        self.createdAt = createdAt
    }

    /// The secrets that sign at `now`: the current one, and the previous one during the overlap.
    public func signingSecrets(at now: Date) -> [String] {
        guard let previousSecret, let until = previousSecretUntil, now < until else { return [secret] }
        return [secret, previousSecret]
    }

    /// The events as stored: space-separated names, or `nil` for all.
    public static func eventsText(_ events: [OutboxEvent]?) -> String? { events.map { $0.map(\.rawValue).joined(separator: " ") } }

    /// The events from ``eventsText(_:)``; a name this version does not know is an error naming the endpoint.
    public static func events(storedText text: String?, endpointID: String) throws -> [OutboxEvent]? {
        try text.map { text in
            try text.split(separator: " ").map { name in
                guard let event = OutboxEvent(rawValue: String(name)) else {
                    throw IssuerError(.inconsistentStore, "webhook endpoint \(endpointID) names an unknown event \(name)")
                }
                return event
            }
        }
    }
}
