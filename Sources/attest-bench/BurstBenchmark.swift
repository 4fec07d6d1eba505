import CertificateDocuments
import Foundation
import IssuerCore
import SQLiteStore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The Friday burst: a cohort's completions taken in batches of 200 (as `attest import` takes a CSV
/// file), each batch's credentials finished while later batches come in, exactly as `attest import`
/// does (``CredentialFinisher``) — sign (eddsa-rdfc-2022), render the PDF (the PNG preview is drawn
/// on first request, not here), store, outbox — on a real SQLite file.
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

        let peakIsOwn = PeakMemory.reset()
        let startKiB = PeakMemory.currentKiB()
        let start = Stopwatch.now
        var intakeStarted: [String: ContinuousClock.Instant] = [:]
        var credentialIDs: [String] = []
        // Finishing runs beside the intake, as `attest import` does: each batch's credentials are
        // handed to the finisher as soon as the batch is committed.
        let finisher = CredentialFinisher(pipeline: pipeline, parallelism: Self.finishingParallelism)
        let finishedAt = Mutex<[String: ContinuousClock.Instant]>([:])
        async let finishing = finisher.run { id in
            let now = Stopwatch.now
            finishedAt.withLock { $0[id] = now }
        }
        var firstSubmitted: ContinuousClock.Instant?
        do {
            // In batches of 200, one transaction each, as `attest import` takes a CSV file.
            for first in stride(from: 0, to: events.count, by: Self.intakeBatchSize) {
                let batch = Array(events[first..<min(first + Self.intakeBatchSize, events.count)])
                let called = Stopwatch.now
                var issued: [String] = []
                for (event, outcome) in zip(batch, try await pipeline.intake(batch: batch)) {
                    guard case .success(.issued(_, let credentialID)) = outcome else {
                        throw ProcessRunner.Failure(description: "completion \(event.eventID) was not issued")
                    }
                    intakeStarted[credentialID] = called
                    issued.append(credentialID)
                }
                if firstSubmitted == nil { firstSubmitted = Stopwatch.now }
                finisher.submit(issued)
                credentialIDs += issued
            }
        } catch {
            finisher.close()
            throw error
        }
        let intakeDone = Stopwatch.now
        finisher.close()
        _ = try await finishing
        let end = Stopwatch.now
        let finished = finishedAt.withLock { $0 }
        let peakKiB = peakIsOwn ? PeakMemory.peakKiB() : Self.peakResidentKiB()

        let wall = (end - start).seconds
        let latencies = credentialIDs.map { (finished[$0]! - intakeStarted[$0]!).seconds }
        let active = try await store.read {
            try $0.credentialSummaries(filter: CredentialFilter(states: [.active])).filter { $0.hasPDF == withDocuments }.count
        }
        guard active == count else {
            throw ProcessRunner.Failure(description: "\(active) of \(count) credentials are active after the burst")
        }

        report.add(
            "\(prefix).seconds", wall, "s",
            note: "\(count) completions: intake, rules, sign, \(withDocuments ? "render, " : "")store, outbox")
        report.add("\(prefix).certificates_per_s", Double(count) / wall, "certs/s")
        if headline {
            report.add("pipeline.certificates_per_s", Double(count) / wall, "certs/s", note: "end to end with PDFs; target ≥ 250")
        }
        report.add(
            "\(prefix).intake_per_s", Double(count) / (intakeDone - start).seconds, "events/s",
            note: "batches of 200 events, one transaction each, synchronous=FULL")
        report.add(
            "\(prefix).finish_per_s", Double(count) / (end - (firstSubmitted ?? intakeDone)).seconds, "certs/s",
            note: "finishing \(Self.finishingParallelism) at a time, from the first batch committed to the last credential stored")
        report.add("\(prefix).finish_after_intake_s", (end - intakeDone).seconds, "s", note: "what finishing took after the intake ended")
        report.add("\(prefix).latency_p50_s", latencies.percentile(0.5), "s", note: "intake call → finished record")
        report.add("\(prefix).latency_p99_s", latencies.percentile(0.99), "s")
        report.add(
            "\(prefix).peak_rss_mb", Double(peakKiB) / 1024, "MiB",
            note: peakIsOwn ? "VmHWM over this burst (reset at its start)" : "getrusage ru_maxrss of the bench process so far")
        report.add(
            "\(prefix).rss_at_start_mb", Double(startKiB) / 1024, "MiB",
            note: "VmRSS when the burst began: what earlier groups left in the process, inside the peak")
        let databaseBytes = (try? FileManager.default.attributesOfItem(atPath: databasePath)[.size] as? Int) ?? 0
        report.add("\(prefix).database_mb", Double(databaseBytes) / 1_048_576, "MiB", note: "the SQLite file, WAL not counted")
        return Outcome(issuer: bench, store: store, seconds: wall)
    }

    /// Credentials finished at once, as `attest import` finishes them; `ATTEST_BENCH_FINISH_PARALLELISM`
    /// overrides it, to measure the parts of a change apart.
    static let finishingParallelism =
        Int(ProcessInfo.processInfo.environment["ATTEST_BENCH_FINISH_PARALLELISM"] ?? "") ?? CredentialFinisher.defaultParallelism

    /// Rows per intake transaction, as `attest import` uses.
    static let intakeBatchSize = 200

    /// The peak resident set of this process so far, in KiB.
    static func peakResidentKiB() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss
    }
}
