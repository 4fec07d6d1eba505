import Foundation
import Testing

/// Issue 20 point 4 with real processes: two `attest serve` on one PostgreSQL, and the compliance
/// scheduler runs on one of them; SIGKILL that one and the other takes the work over.
@Suite("attest serve: one compliance scheduler across instances")
struct PostgresSchedulerTakeoverTests {
    static let runs = "compliance: this instance runs the scheduler"
    static let waits = "compliance: another instance runs the scheduler"

    @Test func theSchedulerRunsOnOneInstanceAndMovesWhenItDies() throws {
        let database = try PostgresDatabase.fresh()
        let workspace = try PostgresCLITests.issuer(on: database)
        let arguments = ["--compliance-interval", "1"]
        let first = try RunningServer(workspace, arguments: arguments, name: "serve-a", environment: database.environment)
        #expect(first.waitForLog(Self.runs), "\(first.process.errorOutput)")
        let second = try RunningServer(workspace, arguments: arguments, name: "serve-b", environment: database.environment)
        #expect(second.waitForLog(Self.waits), "\(second.process.errorOutput)")
        #expect(!second.process.errorOutput.contains(Self.runs))

        // The holder dies without a word: its connection closes and PostgreSQL frees the lock.
        first.process.kill()
        #expect(second.waitForLog(Self.runs), "the scheduler did not move: \(second.process.errorOutput)")
        let stopped = second.stop()
        #expect(stopped.status == 0 && !stopped.wasKilled)
    }
}
