import Delivery
import Ed25519
import Foundation
import IssuerCore
import Testing

@Suite("The learner magic-link email")
struct LearnerLinkEmailTests {
    /// A link request as `POST /learner/login` queues it: the address, no token.
    static func queue(_ fixture: DeliveryFixture, email: String, madeAt: Date) async throws {
        try await fixture.store.write { transaction in
            try transaction.saveOutboxMessage(
                OutboxMessage(
                    id: "out-LINK1", channel: .email, event: LearnerLinkToken.outboxEvent, subjectID: "lrn-1", recipient: email,
                    createdAt: madeAt))
        }
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
            for message in try transaction.outboxMessages(state: .pending) {
                var done = message
                done.state = .sent
                try transaction.saveOutboxMessage(done)
            }
        }
        try await Self.queue(fixture, email: "juergen@example.org", madeAt: fixture.clock.now)
        let folder = fixture.folder.appendingPathComponent("eml")
        let worker = Self.worker(fixture, writingTo: folder)
        #expect(await worker.runOnce().sent == 1)
        let file = try #require(try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).first)
        let parsed = try EmailParser.parse(Data(contentsOf: file), folder: fixture.folder)
        #expect(parsed.subject == "Your certificates from Example Safety Training")
        #expect(parsed.to.contains("juergen@example.org"))
        #expect(parsed.text.contains("Hello Jürgen Groß,"))
        // The link is made when the email is composed: it works, and only its hash is stored.
        let prefix = "https://certs.example.org/learner/"
        let line = try #require(parsed.text.split(separator: "\n").first { $0.contains(prefix) })
        let text = String(line.trimmingCharacters(in: .whitespaces).dropFirst(prefix.count))
        let clock = fixture.clock
        let links = LearnerLinks(store: fixture.store, now: { clock.now }, random: SeededRandomSource(seed: 3))
        #expect(try await links.verify(text)?.email == "juergen@example.org")
        #expect(parsed.text.contains("2026-11-23 10:00 UTC"))
        #expect(parsed.html.contains("href=\"\(prefix)\(text)\""))
        let stored = try await fixture.store.read { try $0.outboxMessages(state: nil) }
        #expect(!stored.contains { $0.subjectID.contains(text) || ($0.lastError ?? "").contains(text) })
    }

    @Test func aLinkThatExpiredWhileWaitingIsNotSent() async throws {
        let fixture = try await DeliveryFixture()
        _ = try await Self.queue(fixture, email: "someone@example.org", madeAt: fixture.clock.now)
        fixture.clock.advance(by: 25 * 3600)
        let folder = fixture.folder.appendingPathComponent("eml")
        let worker = Self.worker(fixture, writingTo: folder)
        #expect(await worker.runOnce().failed == 1)
        let row = try await fixture.store.read { try $0.outboxMessages(state: nil).first { $0.id == "out-LINK1" } }
        #expect(row?.state == .failed)
        #expect(row?.lastError?.hasPrefix("linkExpired") == true)
        let written = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        #expect(written.isEmpty)
    }
}
