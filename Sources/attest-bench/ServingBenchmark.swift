import Foundation

/// The verification page and the status list endpoint under `wrk` from a second process on
/// loopback, at 50 and 200 connections, each run bounded to `duration` seconds.
struct ServingBenchmark {
    let report: BenchmarkReport
    let duration: Int

    /// A server to load: its base URL (http://127.0.0.1:PORT) and the two paths to request.
    struct Target {
        let baseURL: String
        let pagePath: String
        let statusPath: String
    }

    func run(target: Target?) {
        report.section("Serving (wrk on 127.0.0.1)")
        guard let wrk = ProcessRunner.find("wrk") else {
            notMeasured(reason: "wrk is not installed (bash scripts/setup.sh installs it)")
            return
        }
        guard let target else {
            notMeasured(reason: Self.whyNoServer())
            return
        }
        for (name, path) in [("page", target.pagePath), ("status_list", target.statusPath)] {
            for connections in [50, 200] {
                do {
                    let figures = try load(wrk: wrk, url: target.baseURL + path, connections: connections)
                    report.add(
                        "\(name).requests_per_s_at_\(connections)", figures.requestsPerSecond, "req/s",
                        note: [path, figures.problems].compactMap { $0 }.joined(separator: "; "))
                    report.add("\(name).p50_ms_at_\(connections)", figures.p50Milliseconds, "ms")
                    report.add(
                        "\(name).p99_ms_at_\(connections)", figures.p99Milliseconds, "ms",
                        note: name == "page" && connections == 50 ? "target <= 10" : nil)
                    if name == "page" && connections == 50 {
                        NginxReference(report: report, folder: FileManager.default.temporaryDirectory).compare(
                            pageURL: target.baseURL + path, ours: figures, connections: connections
                        ) { try load(wrk: wrk, url: $0, connections: $1) }
                    }
                } catch {
                    report.notMeasured("\(name).p99_ms_at_\(connections)", "ms", reason: "\(error)")
                }
            }
        }
    }

    private func notMeasured(reason: String) {
        for name in ["page", "status_list"] {
            for connections in [50, 200] { report.notMeasured("\(name).p99_ms_at_\(connections)", "ms", reason: reason) }
        }
    }

    /// Why there is no server to load: `attest serve` is not there yet, or it was not started for us.
    static func whyNoServer() -> String {
        let attest = ProcessRunner.buildFolder.appendingPathComponent("attest").path
        guard FileManager.default.isExecutableFile(atPath: attest),
            let help = try? ProcessRunner.run(attest, ["--help"], timeout: 30)
        else {
            // Without the binary, the checkout's sources say whether the subcommand exists yet.
            let sources = FileManager.default.enumerator(atPath: "Sources/attest")?.compactMap { $0 as? String } ?? []
            let declared = sources.contains { file in
                (try? String(contentsOfFile: "Sources/attest/\(file)", encoding: .utf8))?.contains("commandName: \"serve\"") == true
            }
            return declared
                ? "attest is not built beside attest-bench (swift build -c release --scratch-path .build-bench --product attest)"
                : "attest serve does not exist yet (no serve subcommand in Sources/attest)"
        }
        let hasServe = help.output.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("serve ") }
        guard hasServe else { return "attest serve does not exist yet (attest --help lists no serve subcommand)" }
        return "attest serve exists: start it on 127.0.0.1 and pass --serve-url, --page-path /c/ID and --status-path /status/LIST"
    }

    struct Figures {
        let requestsPerSecond: Double
        let p50Milliseconds: Double
        let p99Milliseconds: Double
        /// wrk's error lines (non-2xx answers, socket errors), which make the latencies suspect.
        let problems: String?
    }

    private func load(wrk: String, url: String, connections: Int) throws -> Figures {
        let threads = min(connections, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let result = try ProcessRunner.run(
            wrk, ["-t\(threads)", "-c\(connections)", "-d\(duration)s", "--timeout", "5s", "--latency", url], timeout: Double(duration + 30))
        guard result.status == 0 else { throw ProcessRunner.Failure(description: "wrk failed: \(result.errorOutput.suffix(300))") }
        return try Self.parse(result.output)
    }

    /// Reads wrk's `--latency` output: the 50% and 99% lines and Requests/sec; refuses a run with errors.
    static func parse(_ output: String) throws -> Figures {
        var percentiles: [String: Double] = [:]
        var requestsPerSecond: Double?
        var problems: [String] = []
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count == 2, ["50%", "99%"].contains(fields[0]), let value = milliseconds(String(fields[1])) {
                percentiles[String(fields[0])] = value
            } else if fields.first == "Requests/sec:", fields.count == 2 {
                requestsPerSecond = Double(fields[1])
            } else if line.contains("Non-2xx or 3xx responses") || line.contains("Socket errors") {
                problems.append(line.trimmingCharacters(in: .whitespaces))
            }
        }
        guard let p50 = percentiles["50%"], let p99 = percentiles["99%"], let requestsPerSecond else {
            throw ProcessRunner.Failure(description: "could not read wrk's output")
        }
        return Figures(
            requestsPerSecond: requestsPerSecond, p50Milliseconds: p50, p99Milliseconds: p99,
            problems: problems.isEmpty ? nil : problems.joined(separator: "; "))
    }

    /// `850.00us`, `1.23ms`, `2.00s` in milliseconds.
    private static func milliseconds(_ text: String) -> Double? {
        for (suffix, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { $0 * factor }
        }
        return nil
    }
}
