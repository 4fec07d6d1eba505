import ArgumentParser
import CanonicalJSON
import Ed25519
import Foundation
import VerifiableCredentials

/// `attest-bench`: what users feel — signing, verifying, rendering, a cohort burst, the verification
/// page under load — as a table or as JSON lines, with the machine named. Run it from the checkout's
/// root (it reads the Python reference and the rdf-canon fixtures from there):
/// `swift run -c release attest-bench [--json] [--quick]`, or `Benchmarks/run.sh`.
@main
struct AttestBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest-bench",
        abstract: "Benchmarks Attest: primitives, the Python reference beside us, documents, the burst, the verifier, serving.",
        discussion: "Figures are medians of several runs after a warm-up, timed with ContinuousClock. Nothing here asserts a target.")

    @Flag(help: "Print one JSON object per line: {\"metric\": NAME, \"value\": NUMBER, \"unit\": TEXT}.")
    var json = false

    @Flag(help: "Fewer runs and iterations, and no 10,000 burst (for profiling and smoke runs).")
    var quick = false

    @Option(
        help: ArgumentHelp(
            "Only these groups (comma-separated): primitives,python,documents,burst,http_burst,verifier,serving,console,postgres.",
            valueName: "groups"))
    var only: String?

    @Option(help: ArgumentHelp("A running attest serve to load with wrk, e.g. http://127.0.0.1:8080.", valueName: "url"))
    var serveURL: String?

    @Option(help: ArgumentHelp("The verification page to request (with --serve-url).", valueName: "path"))
    var pagePath: String?

    @Option(help: ArgumentHelp("The status list to request (with --serve-url).", valueName: "path"))
    var statusPath: String?

    @Option(help: ArgumentHelp("Run the 10,000 burst only if the 2,000 burst projects it under this many seconds.", valueName: "seconds"))
    var largeBurstLimit = 900

    @Option(help: ArgumentHelp("Seconds of each wrk run.", valueName: "seconds"))
    var serveSeconds = 10

    func validate() throws {
        if serveURL != nil && (pagePath == nil || statusPath == nil) {
            throw ValidationError("--serve-url needs --page-path and --status-path")
        }
        let known: Set<String> = [
            "primitives", "python", "documents", "burst", "http_burst", "verifier", "serving", "console", "postgres",
        ]
        if let unknown = groups.subtracting(known).first { throw ValidationError("unknown group \(unknown); known: \(known.sorted().joined(separator: ","))") }
    }

    var groups: Set<String> {
        guard let only else {
            return ["primitives", "python", "documents", "burst", "http_burst", "verifier", "serving", "console", "postgres"]
        }
        return Set(only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    func run() async throws {
        let report = BenchmarkReport(json: json)
        report.machine(MachineDescription.current())
        let stopwatch = Stopwatch(runs: quick ? 3 : 7)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let typical = try await BenchmarkIssuer.typicalCredential()
        if groups.contains("burst") || groups.contains("verifier") {
            // First, while the process is small, so ru_maxrss is the burst's own peak.
            report.section("The Friday burst (real SQLite file, PDFs via CertificateDocumentRenderer)")
            let burst = BurstBenchmark(report: report, folder: folder)
            let outcome = try await burst.run(count: quick ? 500 : 2_000, headline: !quick)
            if quick { report.remark("--quick: 500 instead of 2,000 (burst.2000.seconds is not measured)") }
            if groups.contains("verifier") {
                try await VerifierBenchmark(report: report, folder: folder, runs: quick ? 1 : 3).run(burst: outcome, files: 1_000)
            }
            if groups.contains("burst") {
                report.section("The burst without documents, and the larger cohort")
                try await burst.run(count: quick ? 200 : 1_000, withDocuments: false)
                if !quick {
                    // Time grows linearly with the cohort (every credential is independent), so the
                    // 2,000 burst predicts the 10,000 one; past the limit the projection is reported instead.
                    let projected = outcome.seconds * 5
                    if projected <= Double(largeBurstLimit) {
                        try await burst.run(count: 10_000)
                    } else {
                        report.notMeasured(
                            "burst.10000.seconds", "s",
                            reason: "projected \(Int(projected)) s from the 2,000 burst, over --large-burst-limit \(largeBurstLimit) s")
                    }
                }
            }
        }
        if groups.contains("http_burst") {
            await HTTPBurstBenchmark(report: report, folder: folder, count: quick ? 500 : 2_000).run()
        }
        if groups.contains("postgres") {
            await PostgresBurstBenchmark(report: report, folder: folder, count: quick ? 500 : 2_000).run()
        }
        if groups.contains("primitives") || groups.contains("python") {
            let key = try Ed25519PrivateKey(seed: BenchmarkIssuer.benchmarkOnlySeed)
            let method = "did:web:certs.example.org#\(BenchmarkIssuer.keyID)"
            let primitives = PrimitiveBenchmarks(
                stopwatch: stopwatch, quick: quick, report: report, typical: typical, key: key, verificationMethod: method)
            let ours = try primitives.run()
            if groups.contains("python") {
                PeerOpenBadgesLib(stopwatch: stopwatch, quick: quick, report: report, typical: typical, key: key, verificationMethod: method).run()
                PythonReference(report: report, quick: quick, runs: stopwatch.runs).compare(
                    unsigned: typical.unsigned, signedByUs: try primitives.jcsSigned(), seed: BenchmarkIssuer.benchmarkOnlySeed,
                    verificationMethod: method, created: DateTimeStamp.format(PrimitiveBenchmarks.created), ours: ours)
            }
        }
        if groups.contains("documents") {
            try await DocumentBenchmarks(stopwatch: stopwatch, quick: quick, report: report, signed: typical.signed).run()
        }
        if groups.contains("serving") {
            let target = serveURL.map { ServingBenchmark.Target(baseURL: $0, pagePath: pagePath!, statusPath: statusPath!) }
            ServingBenchmark(report: report, duration: serveSeconds).run(target: target)
        }
        if groups.contains("console") {
            await ConsoleBenchmark(report: report, folder: folder, duration: serveSeconds, connections: 10).run()
        }
        report.section("Load")
        report.remark("load average at the end: \(MachineDescription.currentLoad())")
        if json {
            print(JSONValue.object(["load_average_at_end": .string(MachineDescription.currentLoad())]).serialized())
        }
    }
}
