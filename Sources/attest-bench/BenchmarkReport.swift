import CanonicalJSON
import Foundation

/// Prints figures as they are measured: a table for people, or one JSON object per line
/// (`{"metric": NAME, "value": NUMBER, "unit": TEXT}`) for tools. A figure that could not be
/// measured has a null value and a `reason`.
final class BenchmarkReport {
    let json: Bool
    private(set) var values: [String: Double] = [:]

    init(json: Bool) {
        self.json = json
    }

    /// Starts a group of figures (a heading in the table; nothing in JSON).
    func section(_ title: String) {
        guard !json else { return }
        print("\n## \(title)")
        flush()
    }

    /// One measured figure.
    func add(_ metric: String, _ value: Double, _ unit: String, note: String? = nil) {
        values[metric] = value
        if json {
            var object: JSONObject = ["metric": .string(metric), "value": .number(value), "unit": .string(unit)]
            if let note { object["note"] = .string(note) }
            print(JSONValue.object(object).serialized())
        } else {
            let figure = Self.format(value)
            let padded = metric.padding(toLength: max(44, metric.count + 1), withPad: " ", startingAt: 0)
            print("\(padded)\(String(repeating: " ", count: max(0, 14 - figure.count)))\(figure) \(unit)\(note.map { "  (\($0))" } ?? "")")
        }
        flush()
    }

    /// A figure that was not measured, with the reason.
    func notMeasured(_ metric: String, _ unit: String, reason: String) {
        if json {
            let object: JSONObject = ["metric": .string(metric), "value": .null, "unit": .string(unit), "reason": .string(reason)]
            print(JSONValue.object(object).serialized())
        } else {
            let padded = metric.padding(toLength: max(44, metric.count + 1), withPad: " ", startingAt: 0)
            print("\(padded)  not measured: \(reason)")
        }
        flush()
    }

    /// The machine the figures come from.
    func machine(_ machine: MachineDescription) {
        if json {
            print(JSONValue.object(["machine": .object(machine.json)]).serialized())
        } else {
            print("# attest-bench \(machine.date)")
            for (name, value) in machine.lines { print("\(name.padding(toLength: 14, withPad: " ", startingAt: 0))\(value)") }
        }
        flush()
    }

    /// A line of explanation in the table (ignored in JSON, which carries only figures).
    func remark(_ text: String) {
        if !json { print("   \(text)") }
        flush()
    }

    private func flush() { fflush(nil) }

    static func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e12 { return String(Int(value)) }
        if abs(value) >= 100 { return String(format: "%.0f", value) }
        if abs(value) >= 1 { return String(format: "%.2f", value) }
        return String(format: "%.4f", value)
    }
}
