import Delivery
import Ed25519
import Foundation
import IssuerCore
import Testing

@Suite("The learner magic-link email")
struct LearnerLinkEmailTests {
    static let key = try! Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32))  // the fixture's key-1

    static func queue(_ fixture: DeliveryFixture, email: String, madeAt: Date) async throws -> LearnerLinkToken {
        let token = try LearnerLinkToken.make(email: email, keyID: "key-1", key: key, now: madeAt)
        try await fixture.store.write { transaction in
            try transaction.saveOutboxMessage(
                OutboxMessage(
                    id: "out-LINK1", channel: "email", event: LearnerLinkToken.outboxEvent, subjectID: token.text, recipient: email,
                    createdAt: madeAt))
        }
        return token
    }

    /// The outbox worker on the fixture's store and clock, writing `.eml` files to `folder`.
    static func worker(_ fixture: DeliveryFixture, writingTo folder: URL) -> OutboxWorker {
        let clock = fixture.clock
        return OutboxWorker(
            store: fixture.store, configuration: DeliveryConfiguration(), mailer: EMLFolderMailer(folder: folder), now: { clock.now },
            random: SeededRandomSource(seed: 2))
    }

    @Test func theEmailCarriesTheLinkAndTheLearnersName() async throws {
        let fixture = try await DeliveryFixture()
        _ = try await fixture.issue(eventID: "evt-1", name: "Jürgen Groß", email: "juergen@example.org")
        try await fixture.store.write { transaction in
            for message in try transaction.outboxMessages(state: "pending") {
                var done = message
                done.state = "sent"
                try transaction.saveOutboxMessage(done)
            }
        }
        let token = try await Self.queue(fixture, email: "juergen@example.org", madeAt: fixture.clock.now)
        let folder = fixture.folder.appendingPathComponent("eml")
        let worker = Self.worker(fixture, writingTo: folder)
        #expect(await worker.runOnce().sent == 1)
        let file = try #require(try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).first)
        let parsed = try EmailParser.parse(Data(contentsOf: file), folder: fixture.folder)
        #expect(parsed.subject == "Your certificates from Example Safety Training")
        #expect(parsed.to.contains("juergen@example.org"))
        #expect(parsed.text.contains("Hello Jürgen Groß,"))
        #expect(parsed.text.contains("https://certs.example.org/learner/\(token.text)"))
        #expect(parsed.text.contains("2026-11-24 09:00 UTC"))
        #expect(parsed.html.contains("href=\"https://certs.example.org/learner/\(token.text)\""))
    }

    @Test func aLinkThatExpiredWhileWaitingIsNotSent() async throws {
        let fixture = try await DeliveryFixture()
        _ = try await Self.queue(fixture, email: "someone@example.org", madeAt: fixture.clock.now)
        fixture.clock.advance(by: 25 * 3600)
        let folder = fixture.folder.appendingPathComponent("eml")
        let worker = Self.worker(fixture, writingTo: folder)
        #expect(await worker.runOnce().failed == 1)
        let row = try await fixture.store.read { try $0.outboxMessages(state: nil).first { $0.id == "out-LINK1" } }
        #expect(row?.state == "failed")
        #expect(row?.lastError?.hasPrefix("linkExpired") == true)
        let written = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        #expect(written.isEmpty)
    }
}
