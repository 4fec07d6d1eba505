import CanonicalJSON
import Foundation
import VerifiableCredentials

/// Webhook endpoints kept in the store, and the outbox rows staff retry: each change audited under
/// `actor`, secrets never written to the audit trail (the console, `attest webhooks` and tests call these).
public struct WebhookEndpoints: Sendable {
    /// How long the previous secret keeps signing after a rotation, by default.
    public static let defaultOverlap: TimeInterval = 24 * 3600
    /// The longest overlap a rotation may ask for.
    public static let maximumOverlap: TimeInterval = 30 * 86_400

    /// The store, clock, randomness and keys.
    public let environment: IssuerEnvironment
    /// Who the audit entries name.
    public let actor: String

    /// Changes made as `actor`.
    public init(environment: IssuerEnvironment, actor: String) {
        self.environment = environment
        self.actor = actor
    }

    /// Adds an endpoint for `url` wanting `events` (`nil`: all); returns it with its new secret,
    /// which the caller shows once. Throws `invalidRequest` for a URL that is not plain http(s)
    /// and `duplicate` when the URL has an endpoint already.
    public func add(url: String, events: [OutboxEvent]?) async throws -> WebhookEndpointRecord {
        try Self.check(url: url, events: events)
        let recorder = try await environment.auditRecorder(actor: actor)
        let endpoint = WebhookEndpointRecord(
            id: "wh-" + environment.random.identifier(length: 12), url: url, events: events, secret: newSecret(), createdAt: recorder.at)
        try await environment.store.write { transaction in
            try transaction.saveWebhookEndpoint(endpoint)
            try recorder.record("webhook.added", subject: endpoint.id, data: Self.auditData(endpoint), in: transaction)
        }
        return endpoint
    }

    /// Sets the events endpoint `id` wants (`nil`: all).
    @discardableResult
    public func setEvents(id: String, events: [OutboxEvent]?) async throws -> WebhookEndpointRecord {
        if let events, events.isEmpty { throw IssuerError(.invalidRequest, "choose at least one event, or all of them") }
        return try await change(id: id, kind: "webhook.changed") { endpoint, _ in endpoint.events = events }
    }

    /// Gives endpoint `id` a new secret; the previous one keeps signing for `overlap` seconds
    /// (both signatures are sent), so the receiver can switch without losing an event.
    public func rotateSecret(id: String, overlap: TimeInterval = defaultOverlap) async throws -> WebhookEndpointRecord {
        guard overlap >= 0, overlap <= Self.maximumOverlap else {
            throw IssuerError(.invalidRequest, "the overlap must be between 0 and \(Int(Self.maximumOverlap / 86_400)) days")
        }
        let secret = newSecret()
        return try await change(id: id, kind: "webhook.secretRotated") { endpoint, now in
            endpoint.previousSecret = overlap > 0 ? endpoint.secret : nil
            endpoint.previousSecretUntil = overlap > 0 ? now.addingTimeInterval(overlap) : nil
            endpoint.secret = secret
        }
    }

    /// Removes endpoint `id`; rows already queued for it fail as "no longer configured".
    public func remove(id: String) async throws {
        let recorder = try await environment.auditRecorder(actor: actor)
        try await environment.store.write { transaction in
            guard let endpoint = try transaction.webhookEndpoints().first(where: { $0.id == id }) else {
                throw IssuerError(.notFound, "there is no webhook endpoint \(id)")
            }
            try transaction.deleteWebhookEndpoint(id: id)
            try recorder.record("webhook.removed", subject: id, data: ["url": .string(endpoint.url)], in: transaction)
        }
    }

    /// Sends failed outbox row `id` again: back to `pending`, due now, its attempts counted from zero.
    /// Throws `notFound`, or `invalidState` for a row that has not failed.
    @discardableResult
    public func retry(outboxMessageID id: String) async throws -> OutboxMessage {
        let recorder = try await environment.auditRecorder(actor: actor)
        return try await environment.store.write { transaction in
            guard var message = try transaction.outboxMessage(id: id) else { throw IssuerError(.notFound, "there is no outbox message \(id)") }
            guard message.state == .failed else { throw IssuerError(.invalidState, "outbox message \(id) has not failed; it is \(message.state.rawValue)") }
            (message.state, message.attempts, message.nextAttemptAt) = (.pending, 0, recorder.at)
            try transaction.saveOutboxMessage(message)
            try recorder.record(
                "outbox.retried", subject: id,
                data: ["event": .string(message.event.rawValue), "channel": .string(message.channel.rawValue)], in: transaction)
            return message
        }
    }

    private func change(
        id: String, kind: String, _ update: @Sendable (inout WebhookEndpointRecord, Date) -> Void
    ) async throws -> WebhookEndpointRecord {
        let recorder = try await environment.auditRecorder(actor: actor)
        return try await environment.store.write { transaction in
            guard var endpoint = try transaction.webhookEndpoints().first(where: { $0.id == id }) else {
                throw IssuerError(.notFound, "there is no webhook endpoint \(id)")
            }
            update(&endpoint, recorder.at)
            try transaction.saveWebhookEndpoint(endpoint)
            try recorder.record(kind, subject: id, data: Self.auditData(endpoint), in: transaction)
            return endpoint
        }
    }

    /// 32 random bytes, base64url: what receivers put in their HMAC check.
    private func newSecret() -> String {
        Base64URL.encode((0..<4).flatMap { _ in withUnsafeBytes(of: environment.random.next().bigEndian, Array.init) })
    }

    private static func auditData(_ endpoint: WebhookEndpointRecord) -> JSONValue {
        var data: JSONObject = ["url": .string(endpoint.url), "events": endpoint.events.map { .array($0.map { .string($0.rawValue) }) } ?? .string("all")]
        if let until = endpoint.previousSecretUntil { data["previousSecretUntil"] = .string(DateTimeStamp.format(until)) }
        return .object(data)
    }

    /// An endpoint URL is `http(s)://host[:port]/path…`, at most 2,048 characters, with no user
    /// name or password (they would be sent in clear and shown on pages) and no fragment.
    public static func check(url: String, events: [OutboxEvent]?) throws {
        guard url.utf8.count <= 2_048, let components = URLComponents(string: url),
            let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = components.host, !host.isEmpty, components.user == nil, components.password == nil, components.fragment == nil,
            !url.contains(where: { $0.isWhitespace })
        else {
            throw IssuerError(.invalidRequest, "the endpoint must be an http:// or https:// URL with a host and no user name, password or #fragment")
        }
        if let events, events.isEmpty { throw IssuerError(.invalidRequest, "choose at least one event, or all of them") }
    }
}
