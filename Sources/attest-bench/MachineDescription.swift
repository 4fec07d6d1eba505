import CanonicalJSON
import Foundation
import VerifiableCredentials

/// The machine and its load when the figures were taken: without these the figures mean little.
struct MachineDescription {
    let date: String
    let cpu: String
    let cores: Int
    let memoryGiB: Double
    let swiftVersion: String
    let loadAverage: String

    /// Reads /proc and asks the `swift` driver for its version.
    static func current() -> MachineDescription {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let cpu = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last!.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let memoryKiB = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { Double($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        let version = (try? ProcessRunner.run("/usr/bin/env", ["swift", "--version"], timeout: 60))
            .map { $0.output.split(separator: "\n").first.map(String.init) ?? "" } ?? "unknown"
        return MachineDescription(
            date: DateTimeStamp.format(Date()), cpu: cpu, cores: ProcessInfo.processInfo.activeProcessorCount,
            memoryGiB: (memoryKiB / 1_048_576 * 10).rounded() / 10, swiftVersion: version.isEmpty ? "unknown" : version,
            loadAverage: currentLoad())
    }

    /// The 1, 5 and 15 minute load averages, as /proc/loadavg gives them.
    static func currentLoad() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    var lines: [(String, String)] {
        [("cpu", cpu), ("cores", String(cores)), ("memory", "\(memoryGiB) GiB"), ("swift", swiftVersion), ("load (start)", loadAverage)]
    }

    var json: JSONObject {
        [
            "date": .string(date), "cpu": .string(cpu), "cores": .number(Double(cores)), "memory_gib": .number(memoryGiB),
            "swift": .string(swiftVersion), "load_average_at_start": .string(loadAverage),
        ]
    }
}
