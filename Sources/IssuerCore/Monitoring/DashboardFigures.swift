import Foundation

/// The staff dashboard's numbers at one moment, computed from the store's aggregates
/// (``MonitoringReading``): each figure with what it was measured from, its target and verdict,
/// and the series behind the two charts.
public struct DashboardFigures: Sendable, Hashable {
    /// How long a credential may stay unsigned after its decision before it counts as an issuance error.
    public static let unfinishedGrace: TimeInterval = 15 * 60
    /// The upper bounds (seconds) of the time-to-credential chart's bars; one more bar holds the rest.
    public static let histogramBounds: [Double] = [60, 5 * 60, 60 * 60, 24 * 3_600, 72 * 3_600]
    /// The bars' labels, one more than ``histogramBounds``.
    public static let histogramLabels = ["< 1 min", "1–5 min", "5–60 min", "1–24 h", "1–3 days", "≥ 3 days"]
    /// How many days the issued-per-day chart shows.
    public static let chartDays = 30

    /// When the figures were computed.
    public var measuredAt: Date
    /// The figures, in ``DashboardMeasure`` order.
    public var figures: [DashboardFigure]
    /// First-version credentials issued per UTC day, the last ``chartDays`` days (today last), zero days included.
    public var issuedPerDay: [DayCount]
    /// Times to credential of the last 30 days by ``histogramLabels`` bucket.
    public var timeToCredentialHistogram: [DayCount]

    /// Figures as given (``compute(from:now:)`` makes them from a store).
    public init(measuredAt: Date, figures: [DashboardFigure], issuedPerDay: [DayCount], timeToCredentialHistogram: [DayCount]) {
        self.measuredAt = measuredAt
        self.figures = figures
        self.issuedPerDay = issuedPerDay
        self.timeToCredentialHistogram = timeToCredentialHistogram
    }

    /// The figure of `measure`.
    public func figure(_ measure: DashboardMeasure) -> DashboardFigure? {
        figures.first { $0.measure == measure }
    }

    /// Computes every figure as of `now` from `reading`.
    public static func compute(from reading: any MonitoringReading, now: Date) throws -> DashboardFigures {
        let weekStart = now.addingTimeInterval(-7 * 86_400)
        let monthStart = now.addingTimeInterval(-30 * 86_400)
        let counts = try reading.monitoringCounts(from: monthStart, to: now, unfinishedBefore: now.addingTimeInterval(-unfinishedGrace))
        let weekCount = try reading.timeToCredentialCount(from: weekStart, to: now)
        let monthCount = try reading.timeToCredentialCount(from: monthStart, to: now)
        let weekRanks = [0.5, 0.95].map { nearestRank($0, of: weekCount) }
        let monthRanks = [0.5, 0.95].map { nearestRank($0, of: monthCount) }
        let week = weekCount == 0 ? [:] : try reading.timesToCredential(from: weekStart, to: now, ranks: Set(weekRanks))
        let month = monthCount == 0 ? [:] : try reading.timesToCredential(from: monthStart, to: now, ranks: Set(monthRanks))
        // Kept (undecided) events, counted now: configuration drift and invalid learner data (issue 19 points 3 and 4).
        let kept = try (reading as? any ParkedEventReading)?.parkedEventCounts() ?? [:]
        var figures: [DashboardFigure] = []
        for measure in DashboardMeasure.allCases {
            let figure: DashboardFigure
            switch measure {
            case .medianTimeToCredential7Days:
                figure = .init(measure, value: week[weekRanks[0]], of: weekCount)
            case .medianTimeToCredential30Days:
                figure = .init(measure, value: month[monthRanks[0]], of: monthCount)
            case .p95TimeToCredential7Days:
                figure = .init(measure, value: week[weekRanks[1]], of: weekCount)
            case .p95TimeToCredential30Days:
                figure = .init(measure, value: month[monthRanks[1]], of: monthCount)
            case .issuanceErrorRate:
                figure = .rate(measure, counts.credentialsUnfinished, of: counts.credentialsReserved)
            case .manualEscalationRate:
                figure = .rate(measure, counts.completionsEscalated, of: counts.completionsDecided)
            case .claimRate:
                figure = .rate(measure, counts.credentialsClaimed, of: counts.credentialsIssued)
            case .deliveryFailures:
                figure = .init(measure, value: Double(counts.deliveriesFailed), of: counts.deliveriesQueued)
            case .heldForReview:
                figure = .init(measure, value: Double(counts.completionsHeldNow), of: nil)
            case .completionsWithoutProgram:
                let notSetUp = (kept[.unmapped] ?? 0) + (kept[.unknownProgram] ?? 0)
                figure = .init(measure, value: Double(counts.completionsWithoutProgram + notSetUp), of: nil)
            case .keptForDisabledPrograms:
                figure = .init(measure, value: Double(kept[.disabled] ?? 0), of: nil)
            case .keptForInvalidLearnerData:
                figure = .init(measure, value: Double(kept[.invalidLearner] ?? 0), of: nil)
            }
            figures.append(figure)
        }
        let histogram = try reading.timeToCredentialHistogram(from: monthStart, to: now, bounds: histogramBounds)
        return DashboardFigures(
            measuredAt: now, figures: figures,
            issuedPerDay: try issuedPerDay(from: reading, now: now),
            timeToCredentialHistogram: zip(histogramLabels, histogram).map { DayCount(day: $0, count: $1) })
    }

    /// The 1-based rank of the `fraction` percentile of `count` sorted values, by the nearest-rank
    /// method: the smallest value with at least that fraction of the values at or below it.
    public static func nearestRank(_ fraction: Double, of count: Int) -> Int {
        max(1, min(count, Int((fraction * Double(count)).rounded(.up))))
    }

    /// The last ``chartDays`` UTC days ending today, each with its count (zero when none).
    private static func issuedPerDay(from reading: any MonitoringReading, now: Date) throws -> [DayCount] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.startOfDay(for: now)
        let first = calendar.date(byAdding: .day, value: -(chartDays - 1), to: today)!
        var counts: [String: Int] = [:]
        for day in try reading.credentialsIssuedPerDay(from: first, to: now) { counts[day.day] = day.count }
        return (0..<chartDays).map { offset in
            let date = calendar.date(byAdding: .day, value: offset, to: first)!
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let day = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            return DayCount(day: day, count: counts[day] ?? 0)
        }
    }
}

/// One figure of the dashboard.
public struct DashboardFigure: Sendable, Hashable {
    /// What it is.
    public var measure: DashboardMeasure
    /// Its value in ``DashboardMeasure/unit`` (seconds, a fraction, a count); `nil` when there was
    /// nothing to measure in the window.
    public var value: Double?
    /// How many things the value is measured over (the rate's denominator, the number of times),
    /// when that means something.
    public var basis: Int?
    /// Its target and warning threshold.
    public var target: MonitoringTarget
    /// Where it stands against them.
    public var verdict: FigureVerdict

    init(_ measure: DashboardMeasure, value: Double?, of basis: Int?) {
        self.measure = measure
        self.value = value
        self.basis = basis
        target = measure.standardTarget
        verdict = target.verdict(value)
    }

    static func rate(_ measure: DashboardMeasure, _ part: Int, of whole: Int) -> DashboardFigure {
        DashboardFigure(measure, value: whole == 0 ? nil : Double(part) / Double(whole), of: whole)
    }

    /// The value as people read it, or "No data".
    public var displayValue: String {
        value.map(measure.unit.format) ?? "No data"
    }
}
