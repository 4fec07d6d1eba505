import Foundation
import IssuerCore
import SQLiteStore
import Testing

/// Webhook endpoints in every store: round trip with the overlap, one endpoint per URL, an
/// endpoint's deliveries newest first, and (in a file) the secrets sealed.
@Suite("Webhook endpoint store")
struct WebhookEndpointStoreTests {
    let scratch: TemporaryDirectory

    init() throws {
        scratch = try TemporaryDirectory()
    }

    static let endpoint = WebhookEndpointRecord(
        id: "wh-A", url: "https://lms.example/hooks", events: [.credentialIssued, .credentialShared], secret: "secret-current-0123456789",
        previousSecret: "secret-previous-0123456789", previousSecretUntil: Samples.date(3600), createdAt: Samples.date(0))

    @Test(arguments: StoreKind.allCases)
    func roundTripAndOneEndpointPerURL(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in
            try transaction.saveWebhookEndpoint(Self.endpoint)
            var all = Self.endpoint
            (all.id, all.url, all.events, all.previousSecret, all.previousSecretUntil) = ("wh-B", "http://127.0.0.1:9/h", nil, nil, nil)
            all.createdAt = Samples.date(10)
            try transaction.saveWebhookEndpoint(all)
        }
        #expect(try await store.read { try $0.webhookEndpoints() }.map(\.id) == ["wh-A", "wh-B"])
        #expect(try await store.read { try $0.webhookEndpoints() }.first == Self.endpoint)
        #expect(try await store.read { try $0.webhookEndpoints() }.last?.events == nil)
        await #expect(throws: IssuerError.self) {
            try await store.write { transaction in
                var copy = Self.endpoint
                copy.id = "wh-C"
                try transaction.saveWebhookEndpoint(copy)
            }
        }
        var next = Self.endpoint
        (next.secret, next.previousSecret, next.previousSecretUntil) = ("secret-next-0123456789", nil, nil)
        let changed = next
        try await store.write { try $0.saveWebhookEndpoint(changed) }
        #expect(try await store.read { try $0.webhookEndpoints() }.first == changed)
        #expect(try await store.write { try $0.deleteWebhookEndpoint(id: "wh-A") })
        #expect(try await !store.write { try $0.deleteWebhookEndpoint(id: "wh-A") })
        #expect(try await store.read { try $0.webhookEndpoints() }.map(\.id) == ["wh-B"])
    }

    @Test(arguments: StoreKind.allCases)
    func deliveriesNewestFirst(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in
            for (id, offset, recipient) in [("o1", 0.0, "https://lms.example/hooks"), ("o2", 20, "https://lms.example/hooks"), ("o3", 10, "https://other.example/h"), ("o4", 30, "https://lms.example/hooks")] {
                var message = Samples.outboxMessage(id, createdAt: offset)
                (message.channel, message.recipient) = (.webhook, recipient)
                try transaction.saveOutboxMessage(message)
            }
        }
        #expect(try await store.read { try $0.webhookDeliveries(url: "https://lms.example/hooks", limit: 2) }.map(\.id) == ["o4", "o2"])
        #expect(try await store.read { try $0.webhookDeliveries(url: "https://nobody.example", limit: 5) }.isEmpty)
    }

    @Test func theSecretsAreSealedInTheFile() async throws {
        let path = scratch.file("sealed.sqlite")
        let store = try SQLiteIssuerStore(path: path)
        try await store.write { try $0.saveWebhookEndpoint(Self.endpoint) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
        for secret in [Self.endpoint.secret, try #require(Self.endpoint.previousSecret)] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is in the database file in clear")
        }
        #expect(try await store.read { try $0.webhookEndpoints() }.first?.secret == Self.endpoint.secret)
    }
}
