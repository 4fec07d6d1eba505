import Foundation
import IssuerCore
import Synchronization
import Testing
import TestSupport

@Suite("The compliance scheduler's loop runs on the clock it is given, without sleeping")
struct ComplianceSchedulerClockTests {
    @Test("an expiry is acted on when the manual clock reaches the next tick, not before; cancelling ends the wait")
    func ticksOnTheManualClock() async throws {
        let setup = try await ComplianceServiceTests().setUp()
        let id = try #require(try await ComplianceServiceTests().completeAll(setup).credentialID)
        let reports = Mutex<[String]>([])
        let scheduler = ComplianceScheduler(environment: setup.fixture.environment, interval: .seconds(60)) { line in
            reports.withLock { $0.append(line) }
        }
        let clock = ManualClock()
        let running = Task { await scheduler.run(clock: clock) }

        try await eventually("the first tick is done and the scheduler waits") { clock.waiting == 1 }
        #expect(clock.sleepCalls == 1)
        // The live demo module expires after 30 s of the environment's time.
        setup.fixture.clock.advance(by: 31)
        clock.advance(by: .seconds(59))
        #expect(clock.waiting == 1, "59 s of a 60 s interval do not wake it")
        #expect(try await ComplianceServiceTests().suspensionBit(setup.fixture, id) == 0)
        clock.advance(by: .seconds(1))
        try await eventually("the second tick is done and the scheduler waits again") { clock.sleepCalls == 2 && clock.waiting == 1 }
        #expect(try await ComplianceServiceTests().suspensionBit(setup.fixture, id) == 1)
        #expect(reports.withLock { $0 }.contains { $0.contains("suspended") })

        running.cancel()
        await running.value
        #expect(clock.waiting == 0)
        #expect(clock.sleepCalls == 2, "cancelled while waiting: no further tick")
    }
}
