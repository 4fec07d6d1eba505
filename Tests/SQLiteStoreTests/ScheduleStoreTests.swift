import Foundation
import IssuerCore
import Testing

/// Scheduled work (issue 19 points 6 and 7) reads back the same from every store; planning the
/// same work twice keeps one row; finishing is a compare-and-set that succeeds once; the outbox
/// takes the three scheduled events.
@Suite("Schedule store")
struct ScheduleStoreTests {
    static func work(_ id: String, _ kind: ScheduledWorkKind, subject: String, detail: String = "", due: Int) -> ScheduledWork {
        ScheduledWork(
            id: id, kind: kind, subjectID: subject, programID: "working-at-height", detail: detail, dueAt: Samples.date(TimeInterval(due)))
    }

    @Test(arguments: StoreKind.allCases)
    func scheduledWorkRoundTripsAndIsDoneOnce(kind: StoreKind) async throws {
        let scratch = try TemporaryDirectory()
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in
            try transaction.planScheduledWork(Self.work("sch-3", .expired, subject: "cred-1", due: 300))
            try transaction.planScheduledWork(Self.work("sch-1", .expiryReminder, subject: "cred-1", detail: "90", due: 100))
            try transaction.planScheduledWork(Self.work("sch-2", .followUp, subject: "cred-1", detail: "testimonial.request", due: 200))
            try transaction.planScheduledWork(Self.work("sch-4", .issuance, subject: "cmp-1", due: 50))
            // The same work planned again (another id): kept once.
            try transaction.planScheduledWork(Self.work("sch-9", .expiryReminder, subject: "cred-1", detail: "90", due: 999))
        }
        let due = try await store.read { try $0.scheduledWork(dueBy: Samples.date(200), limit: 10) }
        #expect(due.map(\.id) == ["sch-4", "sch-1", "sch-2"])
        #expect(due[1] == Self.work("sch-1", .expiryReminder, subject: "cred-1", detail: "90", due: 100))
        #expect(try await store.read { try $0.scheduledWork(dueBy: Samples.date(1000), limit: 2) }.map(\.id) == ["sch-4", "sch-1"])
        #expect(try await store.read { try $0.scheduledWork(subjectID: "cred-1") }.map(\.id) == ["sch-1", "sch-2", "sch-3"])
        #expect(try await store.read { try $0.scheduledWork(id: "sch-9") } == nil)

        let first = try await store.write { try $0.finishScheduledWork(id: "sch-1", state: .done, at: Samples.date(101), note: nil) }
        let second = try await store.write {
            try $0.finishScheduledWork(id: "sch-1", state: .cancelled, at: Samples.date(102), note: "late")
        }
        #expect(first && !second)
        let finished = try await store.read { try $0.scheduledWork(id: "sch-1") }
        #expect(finished?.state == .done)
        #expect(finished?.finishedAt == Samples.date(101))
        #expect(try await store.write { try $0.finishScheduledWork(id: "sch-4", state: .held, at: Samples.date(60), note: "cli:a: odd") })
        #expect(try await store.read { try $0.scheduledWork(id: "sch-4") }?.note == "cli:a: odd")
        #expect(try await store.read { try $0.scheduledWork(dueBy: Samples.date(1000), limit: 10) }.map(\.id) == ["sch-2", "sch-3"])
    }

    @Test(arguments: StoreKind.allCases)
    func theOutboxTakesTheScheduledEvents(kind: StoreKind) async throws {
        let scratch = try TemporaryDirectory()
        let store = try kind.makeStore(in: scratch)
        let events: [OutboxEvent] = [.credentialExpiring, .credentialExpired, .credentialFollowUp]
        try await store.write { transaction in
            for (number, event) in events.enumerated() {
                try transaction.saveOutboxMessage(
                    OutboxMessage(
                        id: "out-\(number)", channel: .webhook, event: event, subjectID: "sch-\(number)", recipient: nil,
                        createdAt: Samples.date(TimeInterval(number))))
            }
        }
        #expect(
            try await store.read { try $0.outboxMessages(state: .pending) }.map(\.event).sorted { $0.rawValue < $1.rawValue }
                == events.sorted { $0.rawValue < $1.rawValue })
    }
}
