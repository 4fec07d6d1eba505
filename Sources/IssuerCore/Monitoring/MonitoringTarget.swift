import Foundation

/// One figure's target and the level at which it becomes a warning, e.g. "issuance error rate
/// below 1 %, a warning from 2 %". Between the two the figure is off target: worth watching,
/// not yet an alarm.
public struct MonitoringTarget: Sendable, Hashable {
    /// What the figure should be.
    public var target: Bound
    /// From where the figure is a warning.
    public var warning: Bound

    /// A target with its warning threshold.
    public init(target: Bound, warning: Bound) {
        self.target = target
        self.warning = warning
    }

    /// The verdict on `value` (`nil`: nothing to measure in the window).
    public func verdict(_ value: Double?) -> FigureVerdict {
        guard let value else { return .noData }
        if warning.holds(for: value) { return .warning }
        return target.holds(for: value) ? .onTarget : .offTarget
    }

    /// A comparison with a fixed value, in the figure's unit (seconds, a fraction 0…1, a count).
    public enum Bound: Sendable, Hashable {
        case below(Double)
        case atMost(Double)
        case above(Double)
        case atLeast(Double)

        /// Whether `value` is on this side of the bound.
        public func holds(for value: Double) -> Bool {
            switch self {
            case .below(let limit): value < limit
            case .atMost(let limit): value <= limit
            case .above(let limit): value > limit
            case .atLeast(let limit): value >= limit
            }
        }

        /// The limit itself.
        public var limit: Double {
            switch self {
            case .below(let limit), .atMost(let limit), .above(let limit), .atLeast(let limit): limit
            }
        }

        /// The comparison as people write it: `<`, `≤`, `>`, `≥`.
        public var symbol: String {
            switch self {
            case .below: "<"
            case .atMost: "≤"
            case .above: ">"
            case .atLeast: "≥"
            }
        }
    }
}

/// Where a figure stands against its target.
public enum FigureVerdict: String, Sendable, Hashable, CaseIterable {
    /// The target is met.
    case onTarget
    /// The target is missed, the warning threshold not reached.
    case offTarget
    /// The warning threshold is reached.
    case warning
    /// Nothing happened in the window to measure.
    case noData

    /// The words a tag shows (colour is never the only signal).
    public var words: String {
        switch self {
        case .onTarget: "On target"
        case .offTarget: "Off target"
        case .warning: "Warning"
        case .noData: "No data"
        }
    }
}

/// What a figure counts, and so how it is written.
public enum FigureUnit: String, Sendable, Hashable {
    /// Seconds, written as a duration.
    case duration
    /// A fraction 0…1, written as a percentage.
    case fraction
    /// A count.
    case count

    /// `value` as a person reads it: "4 min 10 s", "0.8 %", "12".
    public func format(_ value: Double) -> String {
        switch self {
        case .count:
            return String(Int(value.rounded()))
        case .fraction:
            let percent = value * 100
            return percent == percent.rounded() ? "\(Int(percent)) %" : String(format: "%.1f %%", percent)
        case .duration:
            let seconds = Int(value.rounded())
            if seconds < 60 { return "\(seconds) s" }
            if seconds < 3_600 { return seconds % 60 == 0 ? "\(seconds / 60) min" : "\(seconds / 60) min \(seconds % 60) s" }
            if seconds < 86_400 {
                let minutes = seconds % 3_600 / 60
                return minutes == 0 ? "\(seconds / 3_600) h" : "\(seconds / 3_600) h \(minutes) min"
            }
            let hours = seconds % 86_400 / 3_600
            let days = seconds / 86_400
            let dayWord = days == 1 ? "day" : "days"
            return hours == 0 ? "\(days) \(dayWord)" : "\(days) \(dayWord) \(hours) h"
        }
    }

    /// A bound as people read it: "< 1 %", "≤ 5 min".
    public func format(_ bound: MonitoringTarget.Bound) -> String {
        "\(bound.symbol) \(format(bound.limit))"
    }
}
