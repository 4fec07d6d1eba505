import Foundation

/// What the staff dashboard counts, counted by the store: aggregates over a time window, never
/// the rows themselves. ``DashboardFigures`` turns them into rates, percentiles and verdicts.
///
/// Times to credential are measured from when the learner completed the program (the event's
/// `completedAt`) to the `issuedAt` (`validFrom`) of the first credential made for it: the
/// moment the rules, or a reviewer, decided to issue. Reissues (which carry `supersedes`) and
/// credentials still `pending` are left out. Whole milliseconds, so both stores give the same numbers.
public protocol MonitoringReading {
    /// The counts of the window from `start` (inclusive) to `end` (exclusive). A credential still
    /// `pending` whose `issuedAt` is before `unfinishedBefore` counts as an issuance error.
    func monitoringCounts(from start: Date, to end: Date, unfinishedBefore: Date) throws -> MonitoringCounts
    /// How many times to credential the window holds (credentials issued in it, as above).
    func timeToCredentialCount(from start: Date, to end: Date) throws -> Int
    /// The times to credential of the window at each of `ranks` (1-based, shortest first), in
    /// seconds, from one sort; a rank past the window's count has no entry.
    func timesToCredential(from start: Date, to end: Date, ranks: Set<Int>) throws -> [Int: Double]
    /// How many times to credential of the window fall under each upper bound (seconds,
    /// ascending): element `i` counts those at least `bounds[i-1]` and below `bounds[i]`; one more
    /// element counts those at or above the last bound.
    func timeToCredentialHistogram(from start: Date, to end: Date, bounds: [Double]) throws -> [Int]
    /// First-version credentials (signed, not reissues) per UTC day of their `issuedAt`, days
    /// with none left out, earliest first.
    func credentialsIssuedPerDay(from start: Date, to end: Date) throws -> [DayCount]
}

/// Counts of one window for the dashboard.
public struct MonitoringCounts: Sendable, Hashable {
    /// Completions received in the window (every decision: issue, hold, reject).
    public var completionsDecided: Int
    /// Of those, how many were held for review (still held, or reviewed since).
    public var completionsEscalated: Int
    /// Completions held for review now, whenever received.
    public var completionsHeldNow: Int
    /// Credentials reserved in the window (every version, signed or not).
    public var credentialsReserved: Int
    /// Of those, how many are still `pending` past the grace time: issuance errors.
    public var credentialsUnfinished: Int
    /// First-version credentials signed and issued in the window.
    public var credentialsIssued: Int
    /// Of those, how many the learner has claimed (`claimedAt` set).
    public var credentialsClaimed: Int
    /// Outbox messages (emails and webhooks) created in the window.
    public var deliveriesQueued: Int
    /// Of those, how many failed for good (state `failed`).
    public var deliveriesFailed: Int
    /// Completions received in the window whose program is not (or no longer) defined.
    public var completionsWithoutProgram: Int

    /// Counts; all zero by default.
    public init(
        completionsDecided: Int = 0, completionsEscalated: Int = 0, completionsHeldNow: Int = 0, credentialsReserved: Int = 0,
        credentialsUnfinished: Int = 0, credentialsIssued: Int = 0, credentialsClaimed: Int = 0, deliveriesQueued: Int = 0,
        deliveriesFailed: Int = 0, completionsWithoutProgram: Int = 0
    ) {
        self.completionsDecided = completionsDecided
        self.completionsEscalated = completionsEscalated
        self.completionsHeldNow = completionsHeldNow
        self.credentialsReserved = credentialsReserved
        self.credentialsUnfinished = credentialsUnfinished
        self.credentialsIssued = credentialsIssued
        self.credentialsClaimed = credentialsClaimed
        self.deliveriesQueued = deliveriesQueued
        self.deliveriesFailed = deliveriesFailed
        self.completionsWithoutProgram = completionsWithoutProgram
    }
}

/// A count for one UTC day.
public struct DayCount: Sendable, Hashable {
    /// The day, `YYYY-MM-DD` (UTC).
    public var day: String
    /// How many.
    public var count: Int

    /// A day's count.
    public init(day: String, count: Int) {
        self.day = day
        self.count = count
    }
}
