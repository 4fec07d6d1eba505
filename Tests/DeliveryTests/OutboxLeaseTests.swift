import Delivery
import Foundation
import IssuerCore
import Synchronization
import Testing

/// A worker whose lease ran out mid-send must not undo what the worker that took the row over
/// decided: a late failure after the other worker delivered would put a sent row back to
/// pending, and it would be sent a second time.
@Suite("Outbox leases: a late outcome never overrides the next claim")
struct OutboxLeaseTests {
    /// A transport that hangs until released, then fails as a dropped connection does.
    final class HangingMailer: MailTransport, Sendable {
        let entered = Mutex(false)
        let released = Mutex(false)

        func send(_ message: MIMEMessage) async throws {
            entered.withLock { $0 = true }
            while !released.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
            throw DeliveryError(.connectionFailed, "the connection dropped", isTransient: true)
        }

        func waitUntilEntered() async throws {
            let deadline = ContinuousClock.now + .seconds(60)
            while !entered.withLock({ $0 }) {
                try #require(ContinuousClock.now < deadline, "the first worker never started sending")
                try await Task.sleep(for: .milliseconds(10))
            }
        }
    }

    @Test("worker A's lease runs out, B claims and delivers, then A's attempt fails: the row stays sent, nothing is sent twice")
    func lateFailureAfterTakeOver() async throws {
        let fixture = try await DeliveryFixture()
        _ = try await fixture.issue(eventID: "evt-1", name: "Slow Lane", email: "slow@example.org")
        // The worker that takes over writes what it sends as .eml files (no SMTP port to pick).
        let sent = fixture.folder.appendingPathComponent("sent", isDirectory: true)
        let clock = fixture.clock
        let configuration = DeliveryConfiguration()
        let hanging = HangingMailer()
        let slow = OutboxWorker(
            store: fixture.store, configuration: configuration, mailer: hanging, now: { clock.now }, random: SeededRandomSource(seed: 1))
        let healthy = OutboxWorker(
            store: fixture.store, configuration: configuration, mailer: EMLFolderMailer(folder: sent), now: { clock.now },
            random: SeededRandomSource(seed: 2))

        async let slowPass = slow.runOnce()
        try await hanging.waitUntilEntered()
        clock.advance(by: configuration.retry.claimDuration + 1)
        let takeOver = await healthy.runOnce()
        #expect(takeOver.sent == 1)
        hanging.released.withLock { $0 = true }
        _ = await slowPass

        let row = try #require(try await fixture.outbox(channel: .email).first)
        #expect(row.state == .sent)
        #expect(row.attempts == 2)
        // Long after any retry would have been due, another pass finds nothing to send.
        clock.advance(by: 7 * 24 * 3600)
        let later = await healthy.runOnce()
        #expect(later.sent == 0)
        #expect(takeOver.sent + later.sent == 1, "one delivery in all")
        #expect(FileManager.default.fileExists(atPath: sent.path))
    }
}
