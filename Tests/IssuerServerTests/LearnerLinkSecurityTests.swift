import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

/// Issue 14, points 4, 7 and 8: magic links no reader can take, that end when a new one is sent
/// or the learner signs out, that expire within the hour, that cannot flood an inbox, and login
/// requests that do the same work for known and unknown addresses.
@Suite("Learner portal: link secrecy, revocation, flooding and timing")
struct LearnerLinkSecurityTests {
    static func login(_ client: any TestClientProtocol, _ email: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/learner/login", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"email":"\#(email)"}"#))
    }

    static func linkRows(_ fixture: ServerFixture) async throws -> [OutboxMessage] {
        try await fixture.store.read { try $0.outboxMessages(state: nil) }.filter { $0.event == LearnerLinkToken.outboxEvent }
    }

    @Test func aViewerReadingTheOutboxSeesNoTokenAndNoWebhookSecret() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        _ = try await fixture.issue()
        try await fixture.test { (client) async throws in _ = try await Self.login(client, "u-1@example.org") }
        let sent = try await fixture.links.issue(to: "u-1@example.org")  // what the worker does when it composes the email
        let secretURL = "https://hooks.example.com/services/T000/B000/HOOKSECRET?token=QUERYSECRET"
        try await fixture.store.write { transaction in
            var row = OutboxMessage(
                id: "out-hook", channel: .webhook, event: .credentialIssued, subjectID: "X", recipient: secretURL,
                createdAt: ServerFixture.start)
            row.state = .failed
            row.attempts = 3
            row.lastError = "httpRejected: \(secretURL) answered 404: nope"
            try transaction.saveOutboxMessage(row)
        }
        let bodies = try await fixture.test { client -> [String] in
            var bodies: [String] = []
            for state in ["pending", "sent", "failed"] {
                let response = try await client.execute(
                    uri: "/api/v1/outbox?state=\(state)", method: .get, headers: ServerFixture.bearer(tokens["viewer"], json: false))
                #expect(response.status == .ok)
                bodies.append(response.text)
            }
            return bodies
        }
        let all = bodies.joined()
        #expect(all.contains("learner.link"))
        #expect(!all.contains(sent.text))
        #expect(!all.contains(String(sent.text.split(separator: ".").last!)))
        #expect(!all.contains("HOOKSECRET") && !all.contains("QUERYSECRET"))
        #expect(all.contains("https://hooks.example.com/"))
        // Nothing a reader of any outbox field could open the portal with.
        for row in try await Self.linkRows(fixture) {
            #expect(try await fixture.links.verify(row.subjectID) == nil)
            #expect(!row.subjectID.contains(sent.text))
        }
    }

    @Test func aNewLinkOrASignOutEndsTheOldOneAndLinksExpireWithinTheHour() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        _ = try await fixture.issue()
        let first = try await fixture.links.issue(to: "u-1@example.org")
        let second = try await fixture.links.issue(to: "u-1@example.org")
        try await fixture.test { (client) async throws in
            #expect(try await client.execute(uri: "/learner/\(first.text)", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/learner/\(second.text)", method: .get).status == .ok)
            let page = try await client.execute(uri: "/learner/\(second.text)", method: .get, headers: [.accept: "text/html"])
            #expect(page.text.contains("action=\"/learner/\(second.text)/sign-out\""))
            let signOut = try await client.execute(uri: "/learner/\(second.text)/sign-out", method: .post, headers: [.accept: "text/html"])
            #expect(signOut.status == .ok)
            #expect(signOut.text.contains("You are signed out"))
            #expect(try await client.execute(uri: "/learner/\(second.text)", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/learner/\(second.text)/sign-out", method: .post).status == .notFound)
        }
        let third = try await fixture.links.issue(to: "u-1@example.org")
        #expect(third.expiresAt == fixture.clock.now.addingTimeInterval(3600))
        try await fixture.test { (client) async throws in
            fixture.clock.advance(by: 3599)
            #expect(try await client.execute(uri: "/learner/\(third.text)", method: .get).status == .ok)
            fixture.clock.advance(by: 1)
            #expect(try await client.execute(uri: "/learner/\(third.text)", method: .get).status == .notFound)
        }
    }

    @Test func twelveLoginRequestsSendOneEmailPerTenMinutes() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        _ = try await fixture.issue()
        @Sendable func deliverEverything() async throws {
            // What the delivery worker does between requests: nothing waits in the outbox.
            try await fixture.store.write { transaction in
                for var row in try transaction.outboxMessages(state: .pending) {
                    row.state = .sent
                    try transaction.saveOutboxMessage(row)
                }
            }
        }
        try await fixture.test { (client) async throws in
            for _ in 0..<12 {
                #expect(try await Self.login(client, "u-1@example.org").status == .accepted)
                try await deliverEverything()
                fixture.clock.advance(by: 30)
            }
        }
        #expect(try await Self.linkRows(fixture).count == 1)
        // A request after the window queues the next one.
        try await fixture.test { (client) async throws in
            fixture.clock.advance(by: 599 - 12 * 30)
            _ = try await Self.login(client, "u-1@example.org")
            #expect(try await Self.linkRows(fixture).count == 1)
            fixture.clock.advance(by: 600)
            _ = try await Self.login(client, "u-1@example.org")
        }
        #expect(try await Self.linkRows(fixture).count == 2)
    }

    @Test func knownAndUnknownAddressesDoTheSameStoreWork() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        _ = try await fixture.issue()
        let known = "u-1@example.org"
        let unknown = "nobody@example.org"
        func link(_ email: String) async throws -> LearnerLinkRecord? {
            try await fixture.store.read { try $0.learnerLink(addressHash: LearnerLinkRecord.addressHash(of: email)) }
        }
        let start = fixture.clock.now
        let (first, second) = try await fixture.test { (client) async throws in
            (try await Self.login(client, known), try await Self.login(client, unknown))
        }
        #expect(first.status == second.status && first.text == second.text)
        // The same write for both: the address's request record, by its hash, with the same time.
        #expect(try await link(known) == LearnerLinkRecord(addressHash: LearnerLinkRecord.addressHash(of: known), requestedAt: start))
        #expect(try await link(unknown) == LearnerLinkRecord(addressHash: LearnerLinkRecord.addressHash(of: unknown), requestedAt: start))
        // Inside the window neither writes anything.
        fixture.clock.advance(by: 60)
        try await fixture.test { (client) async throws in
            _ = try await Self.login(client, known)
            _ = try await Self.login(client, unknown)
        }
        #expect(try await link(known)?.requestedAt == start)
        #expect(try await link(unknown)?.requestedAt == start)
        #expect(try await Self.linkRows(fixture).map(\.recipient) == [known])
    }
}
