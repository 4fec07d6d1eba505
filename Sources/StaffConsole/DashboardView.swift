import Foundation
import IssuerCore
import Pages

/// The Dashboard page's content: the monitoring table (each figure with its value, target,
/// warning threshold, verdict as a tag with words, and what it is measured over) and the two
/// charts, each with its numbers as a table.
enum DashboardView {
    static func body(_ figures: DashboardFigures) -> HTML {
        let rows = figures.figures.map { figure -> HTML in
            let unit = figure.measure.unit
            let basis: HTML =
                figure.basis.map { basis -> HTML in
                    switch figure.measure {
                    case .issuanceErrorRate, .manualEscalationRate, .claimRate:
                        let part = Int(((figure.value ?? 0) * Double(basis)).rounded())
                        return " <span class=\"hint\">(\(part) of \(basis))</span>"
                    case .deliveryFailures: return " <span class=\"hint\">(of \(basis) queued)</span>"
                    case .completionsWithoutProgram: return " <span class=\"hint\">(of \(basis) received)</span>"
                    default: return " <span class=\"hint\">(\(basis) credentials)</span>"
                    }
                } ?? .empty
            let title: HTML =
                switch figure.measure {
                case .completionsWithoutProgram, .keptForDisabledPrograms, .keptForInvalidLearnerData:
                    "<a href=\"/console/kept\">\(figure.measure.title)</a>"
                default: "\(figure.measure.title)"
                }
            return """
                <tr><th scope="row" data-label="Figure">\(title)</th>\
                <td data-label="Value" class="numeric">\(figure.displayValue)\(basis)</td>\
                <td data-label="Target">\(unit.format(figure.target.target))</td>\
                <td data-label="Warning at">\(unit.format(figure.target.warning))</td>\
                <td data-label="Status">\(tag(figure.verdict))</td>\
                <td data-label="Measured over">\(figure.measure.measuredOver)</td></tr>
                """
        }
        let issued = issuedChart(figures)
        let times = timeChart(figures)
        return """
            <p class="caption">Measured \(ConsoleDates.dateTime(figures.measuredAt)) from the database</p>
            <h1>Dashboard</h1>
            <table class="responsive" id="monitoring"><caption>Monitoring: each figure against its target and warning threshold</caption>
            <thead><tr><th scope="col">Figure</th><th scope="col">Value</th><th scope="col">Target</th>\
            <th scope="col">Warning at</th><th scope="col">Status</th><th scope="col">Measured over</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            <p class="hint">Between the target and the warning threshold a figure is off target; past the threshold it is a warning.</p>
            <h2 id="issued-heading">Credentials issued per day</h2>
            \(HTML(unescaped: issued.svg()))
            <p>\(summary(of: issued, total: "credentials issued in the last \(DashboardFigures.chartDays) days"))</p>
            <details><summary>The numbers, day by day</summary>\(HTML(unescaped: issued.table(labelHeading: "Day", valueHeading: "Issued")))</details>
            <h2 id="time-heading">Time to credential, last 30 days</h2>
            \(HTML(unescaped: times.svg()))
            <p>\(summary(of: times, total: "credentials by how long they took"))</p>
            <details><summary>The numbers, by time taken</summary>\(HTML(unescaped: times.table(labelHeading: "Time to credential", valueHeading: "Credentials")))</details>
            """
    }

    /// First-version credentials per UTC day, the last 30 days.
    static func issuedChart(_ figures: DashboardFigures) -> BarChart {
        let total = figures.issuedPerDay.reduce(0) { $0 + $1.count }
        return BarChart(
            id: "chart-issued", title: "Credentials issued per day, last \(DashboardFigures.chartDays) days",
            summary:
                "\(total) credentials in \(DashboardFigures.chartDays) days; the most in one day: \(figures.issuedPerDay.map(\.count).max() ?? 0).",
            bars: figures.issuedPerDay.map { BarChart.Bar(label: ConsoleDates.shortDay($0.day), value: $0.count) }, labelEvery: 7)
    }

    /// Times to credential of the last 30 days by range.
    static func timeChart(_ figures: DashboardFigures) -> BarChart {
        BarChart(
            id: "chart-time", title: "Time to credential, last 30 days, by range",
            summary: figures.timeToCredentialHistogram.map { "\($0.day): \($0.count)" }.joined(separator: "; ") + ".",
            bars: figures.timeToCredentialHistogram.map { BarChart.Bar(label: $0.day, value: $0.count) })
    }

    static func summary(of chart: BarChart, total: String) -> String {
        "\(chart.bars.reduce(0) { $0 + $1.value }) \(total). The table below the chart gives every number."
    }

    /// A verdict as a tag with words.
    static func tag(_ verdict: FigureVerdict) -> HTML {
        let style =
            switch verdict {
            case .onTarget: "tag--valid"
            case .offTarget: "tag--warning"
            case .warning: "tag--error"
            case .noData: "tag--grey"
            }
        return "<strong class=\"tag \(style)\">\(verdict.words)</strong>"
    }
}
