import Foundation
import IssuerCore
import SQLiteStore

/// `attest-verify` (the real binary, built beside attest-bench) on the burst's PDFs, offline, with
/// the issuer's DID document and its saved status lists: every check it can make, no network.
struct VerifierBenchmark {
    let report: BenchmarkReport
    let folder: URL
    let runs: Int

    func run(burst: BurstBenchmark.Outcome, files: Int) async throws {
        report.section("Verifier")
        let verifier = ProcessRunner.buildFolder.appendingPathComponent("attest-verify").path
        guard FileManager.default.isExecutableFile(atPath: verifier) else {
            report.notMeasured(
                "verify.pdf_files_per_s", "files/s",
                reason: "\(verifier) is not built: build the attest-verify product into the same folder (Benchmarks/run.sh does)")
            return
        }
        let inputs = folder.appendingPathComponent("verifier-input")
        let pdfFolder = inputs.appendingPathComponent("pdf")
        try FileManager.default.createDirectory(at: pdfFolder, withIntermediateDirectories: true)
        let trust = inputs.appendingPathComponent("did.json")
        try Data(try await burst.issuer.didDocumentJSON().utf8).write(to: trust)
        let lists = try await CredentialChanges(environment: burst.issuer.environment, actor: "bench").republishStatusLists()
        var arguments = ["--offline", "--trust", trust.path]
        for list in lists {
            guard let json = list.signedCredentialJSON else { continue }
            let file = inputs.appendingPathComponent("status-\(list.id).json")
            try json.write(to: file)
            arguments += ["--status-list", file.path]
        }
        let records = try await burst.store.read { try $0.credentials(filter: CredentialFilter(states: [.active])) }
        var pdfPaths: [String] = []
        for record in records.prefix(files) {
            guard let pdf = record.pdf else { continue }
            let file = pdfFolder.appendingPathComponent("\(record.id).pdf")
            try pdf.write(to: file)
            pdfPaths.append(file.path)
        }
        let sizes = records.compactMap { $0.pdf?.count }.map(Double.init)
        report.add("pdf.median_bytes", sizes.median, "bytes", note: "over the \(sizes.count) PDFs of the burst; target < 150,000")
        // Previews are drawn on first request: draw those of the first 50 credentials as the page would.
        var pngSizes: [Double] = []
        for record in records.prefix(50) {
            if let png = try await burst.issuer.pipeline.environment.certificatePreview(for: record) { pngSizes.append(Double(png.count)) }
        }
        report.add("png.median_bytes", pngSizes.median, "bytes", note: "\(pngSizes.count) previews, 1,200 px wide, drawn on first request")

        var rates: [Double] = []
        for _ in 0..<runs {
            var result: ProcessRunner.Result?
            let seconds = try await Stopwatch.seconds { result = try ProcessRunner.run(verifier, arguments + pdfPaths, timeout: 600) }
            guard let result, result.status == 0 else {
                throw ProcessRunner.Failure(
                    description: "attest-verify exited \(result?.status ?? -1): \(result.map { String(($0.output + $0.errorOutput).suffix(400)) } ?? "")")
            }
            rates.append(Double(pdfPaths.count) / seconds)
        }
        report.add("verify.pdf_files_per_s", rates.median, "files/s", note: "\(pdfPaths.count) PDFs in one attest-verify --offline run, all valid")
    }
}
