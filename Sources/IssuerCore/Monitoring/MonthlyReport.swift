import Foundation

/// `attest report --month 2026-11`: one calendar month (UTC) of the dashboard's figures, the
/// availability from the servers' own ``UptimeRecord``s and whether the audit chain is intact,
/// each against its target and warning threshold.
public struct MonthlyReport: Sendable, Hashable {
    /// Availability's target and warning threshold: at least 99.5 %, a warning below 99 %.
    public static let availabilityTarget = MonitoringTarget(target: .atLeast(0.995), warning: .below(0.99))
    /// The dashboard figures the report carries, in this order.
    public static let measures: [DashboardMeasure] = [
        .medianTimeToCredential30Days, .p95TimeToCredential30Days, .issuanceErrorRate, .manualEscalationRate, .claimRate,
    ]

    /// The month, `YYYY-MM`.
    public var month: String
    /// Its first instant (UTC).
    public var start: Date
    /// The first instant after it.
    public var end: Date
    /// Where the measurements stop: ``end``, or the moment of the report for the month in progress.
    public var measuredUntil: Date
    /// The rows, in print order.
    public var rows: [Row]

    /// One line of the report.
    public struct Row: Sendable, Hashable {
        /// A stable key for `--json`: `timeToCredentialMedian`, `availability`, `auditChain` …
        public var key: String
        /// What it is, in words.
        public var title: String
        /// The figure in its unit (seconds or a fraction 0…1; 1 or 0 for the audit chain); `nil`: no data.
        public var value: Double?
        /// The value as people read it.
        public var displayValue: String
        /// What it is measured over (the number of credentials, completions…), when that means something.
        public var basis: Int?
        /// Its target and warning threshold.
        public var target: MonitoringTarget
        /// The unit the target is written in.
        public var unit: FigureUnit
        /// Where it stands.
        public var verdict: FigureVerdict
    }

    /// The first instant of `month` (`YYYY-MM`) and of the month after, or `nil` when `month` is not one.
    public static func bounds(of month: String) -> (start: Date, end: Date)? {
        let parts = month.split(separator: "-", omittingEmptySubsequences: false)
        guard month.utf8.count == 7, parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            let year = Int(parts[0]), let number = Int(parts[1]), (1...12).contains(number), year >= 1970
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let start = calendar.date(from: DateComponents(year: year, month: number, day: 1)),
            let end = calendar.date(byAdding: .month, value: 1, to: start)
        else { return nil }
        return (start, end)
    }

    /// The report of `month` as of `now`, from `reading`. `auditChain` is the whole chain's check
    /// (how many entries are intact, and the problems found; none: intact).
    public static func compute(
        month: String, from reading: any MonitoringReading & UptimeReading, auditChain: (entries: Int, problems: [String]), now: Date
    ) throws -> MonthlyReport {
        guard let (start, end) = bounds(of: month) else {
            throw IssuerError(.invalidRequest, "--month \(month) is not a month like 2026-11")
        }
        guard start < now else { throw IssuerError(.invalidRequest, "the month \(month) has not begun") }
        let until = min(end, now)
        let counts = try reading.monitoringCounts(
            from: start, to: until, unfinishedBefore: until.addingTimeInterval(-DashboardFigures.unfinishedGrace))
        let timed = try reading.timeToCredentialCount(from: start, to: until)
        let ranks = [0.5, 0.95].map { DashboardFigures.nearestRank($0, of: timed) }
        let times = timed == 0 ? [:] : try reading.timesToCredential(from: start, to: until, ranks: Set(ranks))
        var rows: [Row] = measures.map { measure in
            let figure: DashboardFigure
            switch measure {
            case .medianTimeToCredential30Days: figure = DashboardFigure(measure, value: times[ranks[0]], of: timed)
            case .p95TimeToCredential30Days: figure = DashboardFigure(measure, value: times[ranks[1]], of: timed)
            case .issuanceErrorRate: figure = .rate(measure, counts.credentialsUnfinished, of: counts.credentialsReserved)
            case .manualEscalationRate: figure = .rate(measure, counts.completionsEscalated, of: counts.completionsDecided)
            default: figure = .rate(measure, counts.credentialsClaimed, of: counts.credentialsIssued)
            }
            return Row(figure, key: key(of: measure))
        }
        let availability = UptimeRecord.availability(of: try reading.uptimeRecords(from: start, to: until), from: start, to: until)
        rows.append(
            Row(
                key: "availability", title: "Availability (the servers' own uptime record)", value: availability,
                displayValue: availability.map { String(format: "%.2f %%", $0 * 100) } ?? "No data", basis: nil,
                target: availabilityTarget, unit: .fraction, verdict: availabilityTarget.verdict(availability)))
        let intact = auditChain.problems.isEmpty
        rows.append(
            Row(
                key: "auditChain", title: "Audit chain", value: intact ? 1 : 0,
                displayValue: intact ? "intact (\(auditChain.entries) entries)" : "BROKEN: " + auditChain.problems.joined(separator: "; "),
                basis: auditChain.entries, target: MonitoringTarget(target: .atLeast(1), warning: .below(1)), unit: .count,
                verdict: intact ? .onTarget : .warning))
        return MonthlyReport(month: month, start: start, end: end, measuredUntil: until, rows: rows)
    }

    private static func key(of measure: DashboardMeasure) -> String {
        switch measure {
        case .medianTimeToCredential30Days: "timeToCredentialMedian"
        case .p95TimeToCredential30Days: "timeToCredentialP95"
        case .issuanceErrorRate: "errorRate"
        case .manualEscalationRate: "escalationRate"
        default: "claimRate"
        }
    }
}

extension MonthlyReport.Row {
    init(_ figure: DashboardFigure, key: String) {
        self.init(
            key: key, title: figure.measure.reportTitle, value: figure.value, displayValue: figure.displayValue, basis: figure.basis,
            target: figure.target, unit: figure.measure.unit, verdict: figure.verdict)
    }
}

extension DashboardMeasure {
    /// The figure's name in the monthly report, where the window is the month.
    var reportTitle: String {
        switch self {
        case .medianTimeToCredential7Days, .medianTimeToCredential30Days: "Time to credential, median"
        case .p95TimeToCredential7Days, .p95TimeToCredential30Days: "Time to credential, 95th percentile"
        default: title
        }
    }
}
