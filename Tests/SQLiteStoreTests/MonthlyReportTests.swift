import Foundation
import IssuerCore
import SQLiteStore
import Testing

/// `attest report --month`'s figures on a seeded store equal a calculation by hand, in every store.
@Suite("Monthly report")
struct MonthlyReportTests {
    let scratch: TemporaryDirectory

    init() throws {
        scratch = try TemporaryDirectory()
    }

    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// Runs that cover November from its first instant to 2026-11-30T12:00Z, overlapping in the
    /// middle (two instances), plus one wholly in December.
    static let runs = [
        UptimeRecord(instance: "a", startedAt: at("2026-10-31T00:00:00Z"), lastSeenAt: at("2026-11-15T00:00:00Z")),
        UptimeRecord(instance: "b", startedAt: at("2026-11-14T00:00:00Z"), lastSeenAt: at("2026-11-30T12:00:00Z")),
        UptimeRecord(instance: "c", startedAt: at("2026-12-01T06:00:00Z"), lastSeenAt: at("2026-12-02T06:00:00Z")),
    ]

    @Test(arguments: StoreKind.allCases)
    func novemberEqualsTheHandCalculation(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await MonitoringQueryTests.seed(store)
        try await store.write { transaction in
            for run in Self.runs { try transaction.recordUptime(run) }
            // A heartbeat never moves a run back.
            try transaction.recordUptime(UptimeRecord(instance: "b", startedAt: Self.at("2026-11-14T00:00:00Z"), lastSeenAt: Self.at("2026-11-20T00:00:00Z")))
        }
        let report = try await store.read {
            try MonthlyReport.compute(month: "2026-11", from: $0, auditChain: (12, []), now: MonitoringQueryTests.now)
        }
        func row(_ key: String) throws -> MonthlyReport.Row { try #require(report.rows.first { $0.key == key }, "\(key)") }
        // November holds completions m2, m3, m4, m5, h1, r1, r2, u1 (8), escalated m5, h1, r2 (3);
        // credentials c2, c3, c4, c5 (4, none pending), claimed c4; times [180, 660, 3660, 172860].
        #expect(try row("timeToCredentialMedian").value == 660)
        #expect(try row("timeToCredentialP95").value == 172_860)
        #expect(try row("timeToCredentialP95").basis == 4)
        #expect(try row("errorRate").value == 0)
        #expect(try row("escalationRate").value == 3.0 / 8)
        #expect(try row("claimRate").value == 1.0 / 4)
        #expect(try row("claimRate").verdict == .warning)
        // Covered: 1 Nov 00:00 to 30 Nov 12:00, 29.5 of 30 days.
        #expect(try row("availability").value == 29.5 / 30)
        #expect(try row("availability").verdict == .warning)
        #expect(try row("auditChain").verdict == .onTarget)
        #expect(report.rows.map(\.key) == [
            "timeToCredentialMedian", "timeToCredentialP95", "errorRate", "escalationRate", "claimRate", "availability", "auditChain",
        ])
        #expect(report.measuredUntil == Self.at("2026-12-01T00:00:00Z"))
    }

    @Test(arguments: StoreKind.allCases)
    func theMonthInProgressIsMeasuredUpToNow(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in for run in Self.runs { try transaction.recordUptime(run) } }
        let now = Self.at("2026-12-02T12:00:00Z")
        let report = try await store.read { try MonthlyReport.compute(month: "2026-12", from: $0, auditChain: (0, []), now: now) }
        // Run c covers 24 of the 36 hours of December so far; nothing else happened.
        #expect(report.rows.first { $0.key == "availability" }?.value == 24.0 / 36)
        #expect(report.rows.first { $0.key == "timeToCredentialMedian" }?.verdict == .noData)
        #expect(report.measuredUntil == now)
    }

    @Test func aBrokenChainIsAWarning() async throws {
        let report = try await InMemoryIssuerStore().read {
            try MonthlyReport.compute(month: "2026-11", from: $0, auditChain: (40, ["audit chain BROKEN at entry 7: x"]), now: MonitoringQueryTests.now)
        }
        let audit = try #require(report.rows.last)
        #expect(audit.verdict == .warning && audit.value == 0 && audit.displayValue.contains("BROKEN at entry 7"))
    }

    @Test func monthsAreCheckedStrictly() async {
        #expect(MonthlyReport.bounds(of: "2026-11")?.start == Self.at("2026-11-01T00:00:00Z"))
        #expect(MonthlyReport.bounds(of: "2026-12")?.end == Self.at("2027-01-01T00:00:00Z"))
        for bad in ["2026-13", "2026-1", "26-11", "2026-11-01", "2026/11", "", "２０２６-11", "2026-00"] {
            #expect(MonthlyReport.bounds(of: bad) == nil, "\(bad)")
        }
        await #expect(throws: IssuerError.self) {
            try await InMemoryIssuerStore().read {
                try MonthlyReport.compute(month: "2027-01", from: $0, auditChain: (0, []), now: MonitoringQueryTests.now)
            }
        }
    }

    @Test func overlappingRunsCountOnce() {
        let start = Self.at("2026-11-01T00:00:00Z")
        let end = Self.at("2026-11-02T00:00:00Z")
        let hour: TimeInterval = 3_600
        func run(_ id: String, _ from: Double, _ to: Double) -> UptimeRecord {
            UptimeRecord(instance: id, startedAt: start.addingTimeInterval(from * hour), lastSeenAt: start.addingTimeInterval(to * hour))
        }
        #expect(UptimeRecord.availability(of: [], from: start, to: end) == 0)
        #expect(UptimeRecord.availability(of: [run("a", -5, 30)], from: start, to: end) == 1)
        #expect(UptimeRecord.availability(of: [run("a", 0, 6), run("b", 3, 9), run("c", 12, 18), run("d", 13, 14)], from: start, to: end) == 15.0 / 24)
        #expect(UptimeRecord.availability(of: [run("a", 0, 6)], from: end, to: start) == nil)
    }
}
