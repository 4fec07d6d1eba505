import CertificateDocuments
import Foundation
import IssuerCore
import SQLiteStore
#if canImport(Glibc)
    import Glibc
#endif

/// The Friday burst: a cohort's completions taken in batches of 200 (as `attest import` takes a CSV
/// file), then finished two at a time exactly as `finishPending()` does — sign (eddsa-rdfc-2022),
/// render the PDF (the PNG preview is drawn on first request, not here), store, outbox — on a real SQLite file.
struct BurstBenchmark {
    let report: BenchmarkReport
    let folder: URL

    struct Outcome {
        let issuer: BenchmarkIssuer
        let store: SQLiteIssuerStore
        /// Wall time of the burst.
        let seconds: Double
    }

    /// Runs a burst of `count` completions and reports it under `burst.<count>.*`; `withDocuments:
    /// false` leaves out the PDF and PNG, to show what rendering costs.
    @discardableResult
    func run(count: Int, withDocuments: Bool = true, headline: Bool = false) async throws -> Outcome {
        let prefix = withDocuments ? "burst.\(count)" : "burst.\(count).without_documents"
        let databaseFolder = folder.appendingPathComponent(prefix)
        try FileManager.default.createDirectory(at: databaseFolder, withIntermediateDirectories: true)
        let databasePath = databaseFolder.appendingPathComponent("attest.sqlite").path
        let store = try SQLiteIssuerStore(path: databasePath)
        let bench = try await BenchmarkIssuer(store: store, documents: withDocuments ? CertificateDocumentRenderer() : nil)
        let pipeline = bench.pipeline
        let events = (0..<count).map { BenchmarkIssuer.event($0, batch: prefix) }

        let start = Stopwatch.now
        var intakeStarted: [String: ContinuousClock.Instant] = [:]
        var credentialIDs: [String] = []
        // In batches of 200, one transaction each, as `attest import` takes a CSV file.
        for first in stride(from: 0, to: events.count, by: Self.intakeBatchSize) {
            let batch = Array(events[first..<min(first + Self.intakeBatchSize, events.count)])
            let called = Stopwatch.now
            for (event, outcome) in zip(batch, try await pipeline.intake(batch: batch)) {
                guard case .success(.issued(_, let credentialID)) = outcome else {
                    throw ProcessRunner.Failure(description: "completion \(event.eventID) was not issued")
                }
                intakeStarted[credentialID] = called
                credentialIDs.append(credentialID)
            }
        }
        let intakeDone = Stopwatch.now
        let finished = try await Self.finishAll(credentialIDs, pipeline: pipeline, parallelism: 2)
        let end = Stopwatch.now
        let peakKiB = Self.peakResidentKiB()

        let wall = (end - start).seconds
        let latencies = credentialIDs.map { (finished[$0]! - intakeStarted[$0]!).seconds }
        let active = try await store.read { try $0.credentials(filter: CredentialFilter(states: [.active])).count }
        guard active == count else { throw ProcessRunner.Failure(description: "\(active) of \(count) credentials are active after the burst") }

        report.add("\(prefix).seconds", wall, "s", note: "\(count) completions: intake, rules, sign, \(withDocuments ? "render, " : "")store, outbox")
        report.add("\(prefix).certificates_per_s", Double(count) / wall, "certs/s")
        if headline { report.add("pipeline.certificates_per_s", Double(count) / wall, "certs/s", note: "end to end with PDFs; target ≥ 150") }
        report.add("\(prefix).intake_per_s", Double(count) / (intakeDone - start).seconds, "events/s", note: "batches of 200 events, one transaction each, synchronous=FULL")
        report.add("\(prefix).finish_per_s", Double(count) / (end - intakeDone).seconds, "certs/s", note: "finish, two at a time")
        report.add("\(prefix).latency_p50_s", latencies.percentile(0.5), "s", note: "intake call → finished record")
        report.add("\(prefix).latency_p99_s", latencies.percentile(0.99), "s")
        report.add("\(prefix).peak_rss_mb", Double(peakKiB) / 1024, "MiB", note: "getrusage ru_maxrss of the bench process so far")
        let databaseBytes = (try? FileManager.default.attributesOfItem(atPath: databasePath)[.size] as? Int) ?? 0
        report.add("\(prefix).database_mb", Double(databaseBytes) / 1_048_576, "MiB", note: "the SQLite file, WAL not counted")
        return Outcome(issuer: bench, store: store, seconds: wall)
    }

    /// Rows per intake transaction, as `attest import` uses.
    static let intakeBatchSize = 200

    /// `finishPending(parallelism:)`'s loop, with the moment each credential was finished recorded.
    static func finishAll(_ ids: [String], pipeline: IssuancePipeline, parallelism: Int) async throws -> [String: ContinuousClock.Instant] {
        var finished: [String: ContinuousClock.Instant] = [:]
        try await withThrowingTaskGroup(of: (String, ContinuousClock.Instant).self) { group in
            var iterator = ids.makeIterator()
            for _ in 0..<parallelism {
                guard let id = iterator.next() else { break }
                group.addTask { try await pipeline.finish(credentialID: id); return (id, Stopwatch.now) }
            }
            while let (id, at) = try await group.next() {
                finished[id] = at
                if let next = iterator.next() { group.addTask { try await pipeline.finish(credentialID: next); return (next, Stopwatch.now) } }
            }
        }
        return finished
    }

    /// The peak resident set of this process so far, in KiB.
    static func peakResidentKiB() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss
    }
}
