import ArgumentParser
import CanonicalJSON
import Foundation
import IssuerCore
import VerifiableCredentials

/// `attest report --month 2026-11`: the monthly table against targets and warning thresholds.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The monthly report: time to credential, error, escalation and claim rates, availability, audit chain.",
        discussion: """
            Every figure is measured over the calendar month (UTC), up to now for the month in progress, and shown against \
            its target and warning threshold (Spec/metrics.md). Availability is the share of the month some `attest serve` \
            was running, from the heartbeat each server writes every minute. The audit chain is checked as `attest audit verify` does.
            """)

    @OptionGroup var dataOptions: DataOptions
    @Option(help: ArgumentHelp("The month, YYYY-MM (UTC). Default: the last complete month.", valueName: "YYYY-MM"))
    var month: String?
    @Flag(help: "Print JSON instead of a table.") var json = false

    func validate() throws {
        if let month, MonthlyReport.bounds(of: month) == nil { throw ValidationError("--month \(month) is not a month like 2026-11") }
    }

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let now = context.environment.now()
        let audit = try await AuditCommand.check(context)
        let month = self.month ?? Self.lastCompleteMonth(before: now)
        let report = try await context.store.read {
            try MonthlyReport.compute(month: month, from: $0, auditChain: (audit.entries.count, audit.problems), now: now)
        }
        print(json ? Self.json(report).serialized() : Self.table(report), terminator: json ? "\n" : "")
    }

    static func lastCompleteMonth(before now: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let previous = calendar.date(byAdding: .month, value: -1, to: now)!
        let parts = calendar.dateComponents([.year, .month], from: previous)
        return String(format: "%04d-%02d", parts.year!, parts.month!)
    }

    static func table(_ report: MonthlyReport) -> String {
        let header = ["Figure", "Value", "Target", "Warning", "Verdict"]
        let lines = report.rows.map { row in
            [
                row.title, row.displayValue, row.key == "auditChain" ? "intact" : row.unit.format(row.target.target),
                row.key == "auditChain" ? "broken" : row.unit.format(row.target.warning), row.verdict.words,
            ]
        }
        let widths = (0..<header.count).map { column in ([header] + lines).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        let through = report.measuredUntil < report.end ? " (so far, to \(DateTimeStamp.format(report.measuredUntil)))" : ""
        let tally = FigureVerdict.allCases.map { verdict in "\(report.rows.count { $0.verdict == verdict }) \(verdict.words.lowercased())" }
        return "Attest monthly report \(report.month)\(through)\n\n" + ([line(header)] + lines.map(line)).joined(separator: "\n")
            + "\n\n" + tally.joined(separator: ", ") + "\n"
    }

    static func json(_ report: MonthlyReport) -> JSONValue {
        .object([
            "month": .string(report.month), "start": .string(DateTimeStamp.format(report.start)),
            "end": .string(DateTimeStamp.format(report.end)), "measuredUntil": .string(DateTimeStamp.format(report.measuredUntil)),
            "figures": .array(
                report.rows.map { row in
                    .object([
                        "key": .string(row.key), "title": .string(row.title), "value": row.value.map(JSONValue.number) ?? .null,
                        "display": .string(row.displayValue), "basis": row.basis.map { .number(Double($0)) } ?? .null,
                        "target": .string(row.unit.format(row.target.target)), "warning": .string(row.unit.format(row.target.warning)),
                        "verdict": .string(row.verdict.rawValue),
                    ])
                }),
        ])
    }
}
