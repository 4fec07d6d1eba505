import Foundation
import Testing

/// Issue 15 point 7: `attest serve` and `attest deliver --watch`, two processes on one SQLite
/// database, drain the outbox to a real SMTP server and every message arrives exactly once; a
/// worker killed with SIGKILL between the server taking a message and the row being marked sends
/// it at most once more, with the same `Message-ID` (Spec/delivery.md, "Exactly once").
@Suite("Delivery across processes: once, and at most one duplicate after a kill")
struct ExactlyOnceDeliveryTests {
    /// The issue's figure; `ATTEST_E2E_DELIVERY_ROWS` makes a quicker local run possible.
    static let rows = ProcessInfo.processInfo.environment["ATTEST_E2E_DELIVERY_ROWS"].flatMap(Int.init) ?? 1000

    /// An issuer whose outbox holds one certificate email per learner, none sent yet.
    static func workspace(learners: Int) throws -> IssuerWorkspace {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let imported = try workspace.importCSV(try workspace.write(CrashRecoveryTests.csv(learners: learners), "learners.csv"))
        #expect(imported.status == 0, "import: \(imported.standardError)")
        #expect(try workspace.count("SELECT count(*) FROM outboxMessage WHERE channel = 'email' AND state = 'pending'") == learners)
        return workspace
    }

    /// Polls (never a timing assertion: the deadline only stops a hung run) until `condition` holds.
    static func waitUntil(_ what: String, deadline seconds: Double = 300, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try !condition() {
            try #require(Date() < deadline, "gave up waiting: \(what)")
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    @Test("attest serve and attest deliver --watch drain 1,000 rows to one SMTP server: each message arrives once")
    func twoProcessesOneDatabase() throws {
        let workspace = try Self.workspace(learners: Self.rows)
        // One SMTP server, a port for each process: the log then shows that both took part.
        let sink = try MessageIDSink(folder: workspace.folder, listeners: 2)
        let server = try RunningServer(workspace, arguments: ["--smtp-url", sink.url(0)])
        let watcher = try BackgroundProcess(
            "attest", ["deliver", "--watch", "--data", workspace.data, "--smtp-url", sink.url(1)], logsIn: workspace.folder,
            name: "deliver-watch", separateErrors: true)
        defer { watcher.kill() }
        try Self.waitUntil("every email row sent") {
            try workspace.count("SELECT count(*) FROM outboxMessage WHERE channel = 'email' AND state <> 'sent'") == 0
        }
        #expect(watcher.isRunning, "deliver --watch stopped: \(watcher.errorOutput)")
        _ = server.stop()
        watcher.kill()
        let received = sink.messageIDs()
        #expect(received.count == Self.rows)
        #expect(Set(received).count == Self.rows)
        #expect(received.allSatisfy { $0.hasPrefix("<") && $0.hasSuffix(">") })
        // Both processes delivered: the rows were shared out by their claims, not drained by one alone.
        #expect(!sink.messageIDs(listener: 0).isEmpty, "attest serve sent nothing")
        #expect(!sink.messageIDs(listener: 1).isEmpty, "attest deliver --watch sent nothing")
        // One claim each: no row was ever taken by both processes.
        #expect(try workspace.count("SELECT count(*) FROM outboxMessage WHERE channel = 'email' AND attempts <> 1") == 0)
    }

    @Test("SIGKILL after the SMTP server took a message, before the row is marked: one duplicate, same Message-ID, after the lease")
    func killBetweenAcceptAndMark() throws {
        let learners = 12
        let heldAt = 5
        let workspace = try Self.workspace(learners: learners)
        let sink = try MessageIDSink(folder: workspace.folder, holdAt: heldAt)
        let watcher = try BackgroundProcess(
            "attest", ["deliver", "--watch", "--data", workspace.data, "--smtp-url", sink.url], logsIn: workspace.folder,
            name: "deliver-watch", separateErrors: true)
        try Self.waitUntil("the sink holds message \(heldAt)") { sink.heldMessageID() != nil }
        watcher.kill()
        #expect(watcher.wasKilled)
        sink.release()
        let held = try #require(sink.heldMessageID())
        let heldRow = String(held.dropFirst().prefix { $0 != "@" })
        #expect(sink.messageIDs().count == heldAt)
        // The killed worker's row: claimed (one attempt counted, leased for the claim duration), not sent.
        #expect(
            try workspace.count("SELECT count(*) FROM outboxMessage WHERE id = '\(heldRow)' AND state = 'pending' AND attempts = 1") == 1)

        // A restart while the lease runs sends everything else, and not the row in doubt.
        let restarted = try workspace.attest(["deliver", "--smtp-url", sink.url])
        #expect(restarted.status == 0, "deliver: \(restarted.standardError)")
        #expect(sink.messageIDs().count == learners)
        #expect(Set(sink.messageIDs()).count == learners)
        #expect(try workspace.count("SELECT count(*) FROM outboxMessage WHERE channel = 'email' AND state = 'sent'") == learners - 1)

        // Once the lease has run out (moved into the past here rather than waited for), the row is sent again.
        try workspace.sqlite("UPDATE outboxMessage SET nextAttemptAt = createdAt WHERE id = '\(heldRow)'")
        let afterLease = try workspace.attest(["deliver", "--smtp-url", sink.url])
        #expect(afterLease.status == 0, "deliver: \(afterLease.standardError)")
        let received = sink.messageIDs()
        #expect(received.count == learners + 1)
        #expect(Set(received).count == learners)
        #expect(received.filter { $0 == held }.count == 2, "the one duplicate carries the held message's Message-ID")
        #expect(try workspace.count("SELECT count(*) FROM outboxMessage WHERE channel = 'email' AND state = 'sent'") == learners)
        #expect(try workspace.count("SELECT attempts FROM outboxMessage WHERE id = '\(heldRow)'") == 2)
    }
}
