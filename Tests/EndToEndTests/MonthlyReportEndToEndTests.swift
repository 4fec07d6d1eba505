import Foundation
import Testing

/// `attest report --month` of the real binary: figures from credentials it issued, availability
/// from the uptime record a real `attest serve` wrote, the audit chain checked.
@Suite("attest report: the monthly table from a real issuer")
struct MonthlyReportEndToEndTests {
    static func setClock(_ path: String, _ time: String) throws {
        try Data((time + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    @Test("two issued, one serve run of an hour: medians, rates, availability and the audit chain as calculated by hand")
    func reportOfARealIssuer() async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let clock = workspace.path("clock")
        let environment = ["ATTEST_CLOCK_FILE": clock]
        // Completed at 09:00; issued at 09:05 and 09:15: times to credential 300 s and 900 s.
        for (learner, issuedAt) in [("r-1", "2027-01-10T09:05:00Z"), ("r-2", "2027-01-10T09:15:00Z")] {
            try Self.setClock(clock, issuedAt)
            let issued = try workspace.attest(
                [
                    "issue", "--program", IssuerWorkspace.programID, "--learner-id", learner, "--email", "\(learner)@example.org",
                    "--name", "Ana Lima", "--score", "95", "--minutes", "150", "--module", "ladders", "--module", "scaffolds",
                    "--module", "harness", "--completed-at", "2027-01-10T09:00:00Z",
                ], environment: environment)
            #expect(issued.status == 0 && issued.standardOutput.hasPrefix("issued "), "\(issued.standardOutput)\(issued.standardError)")
        }
        // The server runs from 10:00 to 11:00 on the test's clock: its first heartbeat at start,
        // its last at the graceful stop.
        try Self.setClock(clock, "2027-01-10T10:00:00Z")
        let server = try RunningServer(workspace, environment: environment)
        var recorded = 0
        let deadline = Date().addingTimeInterval(60)
        while recorded == 0 && Date() < deadline {
            recorded = try workspace.count("SELECT COUNT(*) FROM uptime")
            if recorded == 0 { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(recorded == 1)
        try Self.setClock(clock, "2027-01-10T11:00:00Z")
        #expect(server.stop().status == 0)

        try Self.setClock(clock, "2027-01-10T12:00:00Z")
        let json = try workspace.attest(["report", "--month", "2027-01", "--json"], environment: environment)
        #expect(json.status == 0, "\(json.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let figures = try #require(object["figures"] as? [[String: Any]])
        func value(_ key: String) -> Double? { figures.first { $0["key"] as? String == key }?["value"] as? Double }
        func verdict(_ key: String) -> String? { figures.first { $0["key"] as? String == key }?["verdict"] as? String }
        #expect(value("timeToCredentialMedian") == 300)
        #expect(value("timeToCredentialP95") == 900)
        #expect(value("errorRate") == 0 && value("escalationRate") == 0 && value("claimRate") == 0)
        // One hour of the 9.5 days (228 hours) from 1 January to the report's moment.
        let availability = try #require(value("availability"))
        #expect(abs(availability - 1.0 / 228) < 1e-12, "\(availability)")
        #expect(verdict("availability") == "warning")
        #expect(value("auditChain") == 1 && verdict("auditChain") == "onTarget")
        #expect(object["measuredUntil"] as? String == "2027-01-10T12:00:00Z")

        let table = try workspace.attest(["report", "--month", "2027-01"], environment: environment)
        #expect(table.status == 0)
        for line in ["Attest monthly report 2027-01 (so far, to 2027-01-10T12:00:00Z)", "Time to credential, median", "5 min", "0.44 %", "intact ("] {
            #expect(table.standardOutput.contains(line), "\(line) in \(table.standardOutput)")
        }
        #expect(try workspace.attest(["report", "--month", "2027-13"]).status != 0)

        // A changed audit entry shows in the report as a broken chain.
        _ = try workspace.sqlite("DROP TRIGGER auditEntry_no_update; UPDATE auditEntry SET actor = 'mallory' WHERE sequence = 2")
        let broken = try workspace.attest(["report", "--month", "2027-01", "--json"], environment: environment)
        #expect(broken.standardOutput.contains("BROKEN at entry 2"), "\(broken.standardOutput)\(broken.standardError)")
    }
}
