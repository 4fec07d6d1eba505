import Foundation
import IssuerCore
import SQLiteStore
import Testing

/// The dashboard's figures on a seeded store equal a calculation by hand, in every store.
@Suite("Monitoring queries")
struct MonitoringQueryTests {
    /// Where a file store keeps its file; removed when the test ends.
    let scratch: TemporaryDirectory

    init() throws {
        scratch = try TemporaryDirectory()
    }

    static let now = Date(timeIntervalSince1970: 1_796_212_800)  // 2026-12-02T12:00:00Z
    static let day: TimeInterval = 86_400

    /// Completions, credentials and messages inside and outside the 7- and 30-day windows; the
    /// comments give what each adds to the hand calculation in the tests below.
    static func seed(_ store: any IssuerStore) async throws {
        try await store.write { transaction in
            try transaction.saveIssuer(Samples.issuer)
            try transaction.saveProgram(Samples.program())
            for number in 1...9 { try transaction.saveLearner(Samples.learner(number)) }
            func completion(
                _ id: String, learner: Int, received: TimeInterval, state: CompletionState = .issued,
                reviewed: Bool = false, program: String = "working-at-height"
            ) throws {
                var event = Samples.event("event-\(id)", learner: learner, program: program)
                event.completedAt = now.addingTimeInterval(received - 60)
                try transaction.insertCompletion(
                    CompletionRecord(
                        id: id, event: event, learnerID: "lrn-\(learner)", receivedAt: now.addingTimeInterval(received), state: state,
                        reasons: [], reviewedBy: reviewed ? "staff:ana" : nil,
                        reviewedAt: reviewed ? now.addingTimeInterval(received + 60) : nil))
            }
            var index = 0
            func credential(
                _ id: String, learner: Int, completion: String, issued: TimeInterval, state: CredentialState = .active,
                claimed: Bool = false, supersedes: String? = nil
            ) throws {
                index += 1
                var record = Samples.credential(id, learner: learner, completion: completion, state: state, revocationIndex: index)
                record.issuedAt = now.addingTimeInterval(issued)
                record.claimedAt = claimed ? now.addingTimeInterval(issued + 30) : nil
                record.supersedes = supersedes
                if state == .pending { (record.credentialJSON, record.pdf, record.png, record.passcode) = (nil, nil, nil, nil) }
                try transaction.insertCredential(record)
            }
            // Completed a minute before each completion arrived, so times to credential: c1 120 s, c2 180 s,
            // c3 660 s (7 days); c4 3660 s, c5 2 days and 60 s (30 days).
            try completion("m1", learner: 1, received: -1 * day)
            try credential("c1", learner: 1, completion: "m1", issued: -1 * day + 60, claimed: true)
            try completion("m2", learner: 2, received: -2 * day)
            try credential("c2", learner: 2, completion: "m2", issued: -2 * day + 120, state: .superseded)
            // A reissue: reserved in the window, but no time to credential, no claim counted.
            try credential("c6", learner: 2, completion: "m2", issued: -1 * day, claimed: true, supersedes: "c2")
            try completion("m3", learner: 3, received: -3 * day)
            try credential("c3", learner: 3, completion: "m3", issued: -3 * day + 600, state: .revoked)
            try completion("m4", learner: 4, received: -10 * day)
            try credential("c4", learner: 4, completion: "m4", issued: -10 * day + 3_600, claimed: true)
            // Held, then approved two days later.
            try completion("m5", learner: 5, received: -20 * day, reviewed: true)
            try credential("c5", learner: 5, completion: "m5", issued: -18 * day)
            // Pending for an hour: an issuance error. Pending for 5 minutes: not yet.
            try completion("m7", learner: 6, received: -3_600)
            try credential("c7", learner: 6, completion: "m7", issued: -3_600, state: .pending)
            try completion("m8", learner: 7, received: -300)
            try credential("c8", learner: 7, completion: "m8", issued: -300, state: .pending)
            // Outside the 30 days: counts nowhere but "held now".
            try completion("m9", learner: 8, received: -40 * day)
            try credential("c9", learner: 8, completion: "m9", issued: -40 * day + 30, claimed: true)
            try completion("h2", learner: 9, received: -40 * day, state: .held)
            // Decided without a credential: held now, rejected by the rules, rejected by a reviewer,
            // and one whose program does not exist.
            try completion("h1", learner: 9, received: -2 * day, state: .held)
            try completion("r1", learner: 9, received: -3 * day, state: .rejected)
            try completion("r2", learner: 9, received: -4 * day, state: .rejected, reviewed: true)
            try completion("u1", learner: 9, received: -5 * day, state: .rejected, program: "no-such-course")
            for (id, offset, state) in [
                ("o1", -1 * day, OutboxState.sent), ("o2", -2 * day, .failed), ("o3", -3 * day, .pending), ("o4", -40 * day, .failed),
            ] {
                var message = Samples.outboxMessage(id, createdAt: 0, state: state)
                message.createdAt = now.addingTimeInterval(offset)
                try transaction.saveOutboxMessage(message)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func countsEqualTheHandCalculation(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await Self.seed(store)
        let counts = try await store.read {
            try $0.monitoringCounts(
                from: Self.now.addingTimeInterval(-30 * Self.day), to: Self.now, unfinishedBefore: Self.now.addingTimeInterval(-900))
        }
        #expect(
            counts
                == MonitoringCounts(
                    completionsDecided: 11, completionsEscalated: 3, completionsHeldNow: 2, credentialsReserved: 8,
                    credentialsUnfinished: 1, credentialsIssued: 5, credentialsClaimed: 2, deliveriesQueued: 3, deliveriesFailed: 1,
                    completionsWithoutProgram: 1))
    }

    @Test(arguments: StoreKind.allCases)
    func figuresEqualTheHandCalculation(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await Self.seed(store)
        let figures = try await store.read { try DashboardFigures.compute(from: $0, now: Self.now) }
        func value(_ measure: DashboardMeasure) -> Double? { figures.figure(measure)?.value }
        // 7 days: [120, 180, 660]: median rank 2, 95th rank 3.
        #expect(value(.medianTimeToCredential7Days) == 180)
        #expect(value(.p95TimeToCredential7Days) == 660)
        // 30 days: [120, 180, 660, 3660, 172860]: median rank 3, 95th rank 5.
        #expect(value(.medianTimeToCredential30Days) == 660)
        #expect(value(.p95TimeToCredential30Days) == 172_860)
        #expect(figures.figure(.p95TimeToCredential30Days)?.basis == 5)
        #expect(value(.issuanceErrorRate) == 1.0 / 8)
        #expect(value(.manualEscalationRate) == 3.0 / 11)
        #expect(value(.claimRate) == 2.0 / 5)
        #expect(value(.deliveryFailures) == 1)
        #expect(value(.heldForReview) == 2)
        #expect(value(.completionsWithoutProgram) == 1)
        #expect(figures.figure(.issuanceErrorRate)?.verdict == .warning)
        #expect(figures.figure(.medianTimeToCredential30Days)?.verdict == .offTarget)
        #expect(figures.figure(.medianTimeToCredential7Days)?.verdict == .onTarget)
        #expect(figures.figure(.claimRate)?.verdict == .offTarget)
        #expect(figures.timeToCredentialHistogram.map(\.count) == [0, 2, 1, 1, 1, 0])
        #expect(figures.issuedPerDay.count == 30)
        #expect(figures.issuedPerDay.last?.day == "2026-12-02")
        #expect(figures.issuedPerDay.reduce(0) { $0 + $1.count } == 5)
        #expect(figures.issuedPerDay.first { $0.day == "2026-12-01" }?.count == 1)
        #expect(figures.issuedPerDay.first { $0.day == "2026-11-14" }?.count == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func anEmptyStoreHasNoData(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        let figures = try await store.read { try DashboardFigures.compute(from: $0, now: Self.now) }
        #expect(figures.figure(.medianTimeToCredential7Days)?.verdict == .noData)
        #expect(figures.figure(.issuanceErrorRate)?.value == nil)
        #expect(figures.figure(.heldForReview)?.verdict == .onTarget)
        #expect(figures.timeToCredentialHistogram.map(\.count) == [0, 0, 0, 0, 0, 0])
    }

    @Test func nearestRankPercentiles() {
        #expect(DashboardFigures.nearestRank(0.5, of: 1) == 1)
        #expect(DashboardFigures.nearestRank(0.5, of: 4) == 2)
        #expect(DashboardFigures.nearestRank(0.95, of: 20) == 19)
        #expect(DashboardFigures.nearestRank(0.95, of: 21) == 20)
    }

    @Test func verdictsFollowTargetAndThreshold() {
        let errorRate = DashboardMeasure.issuanceErrorRate.standardTarget
        #expect(errorRate.verdict(0.005) == .onTarget)
        #expect(errorRate.verdict(0.015) == .offTarget)
        #expect(errorRate.verdict(0.02) == .warning)
        #expect(DashboardMeasure.claimRate.standardTarget.verdict(0.39) == .warning)
        #expect(FigureUnit.duration.format(3_725) == "1 h 2 min")
        #expect(FigureUnit.fraction.format(0.125) == "12.5 %")
        #expect(FigureUnit.fraction.format(MonitoringTarget.Bound.below(0.01).limit) == "1 %")
    }
}
