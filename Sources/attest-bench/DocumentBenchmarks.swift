import CanonicalJSON
import CertificateDocuments
import CertificateRendering
import Ed25519
import Foundation
import IssuerCore
import PDFEmbedding
import VerifiableCredentials

/// Certificate PDF (drawn, then the credential embedded) and PNG preview, one at a time and two at
/// a time: drawing holds a process-wide lock (Cairo/FreeType are not thread-safe), embedding and PNG
/// encoding do not, and the two-at-a-time figures show what the lock costs.
struct DocumentBenchmarks {
    let stopwatch: Stopwatch
    let quick: Bool
    let report: BenchmarkReport
    let signed: JSONValue

    func run() async throws {
        report.section("Documents")
        let credentialBytes = Array(signed.serialized(pretty: true).utf8)
        let passcode = SignedCredentialView(signedCredential: signed).passcode
        let content = try CertificateContent(
            signedCredential: signed, signatoryName: "Dr. Amira Haddad", signatoryTitle: "Head of Training")
        let renderer = CertificateRenderer()
        let iterations = quick ? 5 : 15

        let pdfTime = try stopwatch.secondsPerIteration(iterations: iterations) {
            keep(try Self.renderAndEmbed(content, credentialBytes: credentialBytes, renderer: renderer))
        }
        report.add("pdf.render_embed_per_s", 1 / pdfTime, "docs/s", note: "draw + embed the credential + metadata, one thread")
        // The two halves: drawing holds the process-wide lock, embedding (qpdf) does not.
        let drawn = try renderer.renderPDF(content, template: .completion)
        let drawTime = try stopwatch.secondsPerIteration(iterations: iterations) { keep(try renderer.renderPDF(content, template: .completion)) }
        report.add("pdf.draw_ms", drawTime * 1e3, "ms", note: "Cairo/Pango drawing and font subsetting, under the drawing lock")
        let embedTime = try stopwatch.secondsPerIteration(iterations: iterations) {
            keep(try Self.embed(content, credentialBytes: credentialBytes, into: drawn, renderer: renderer))
        }
        report.add("pdf.embed_ms", embedTime * 1e3, "ms", note: "qpdf: the credential file, the link, metadata; no lock")
        try runStaticLayer(content, iterations: iterations)
        let pngTime = try stopwatch.secondsPerIteration(iterations: iterations) {
            keep(try renderer.renderPNG(content, template: .completion, width: CertificateDocumentRenderer.previewWidth))
        }
        report.add("png.render_per_s", 1 / pngTime, "docs/s", note: "1,200 px wide preview (drawn on first request), one thread")
        let pdf = try Self.renderAndEmbed(content, credentialBytes: credentialBytes, renderer: renderer)
        let png = try renderer.renderPNG(content, template: .completion, width: CertificateDocumentRenderer.previewWidth)
        report.add("pdf.typical_bytes", Double(pdf.count), "bytes")
        report.add("png.typical_bytes", Double(png.count), "bytes")

        let maker = CertificateDocumentRenderer()
        let signed = self.signed
        let program = BenchmarkIssuer.program
        let make: @Sendable () throws -> Void = {
            keep(try maker.drawDocuments(signedCredential: signed, credentialBytes: credentialBytes, program: program, passcode: passcode))
        }
        let one = try await Self.throughput(tasks: 1, iterations: iterations * 2, runs: stopwatch.runs, make)
        let two = try await Self.throughput(tasks: 2, iterations: iterations * 2, runs: stopwatch.runs, make)
        report.add("documents.per_s_1_task", one, "certs/s", note: "the PDF as issuance makes it (the preview comes later)")
        report.add("documents.per_s_2_tasks", two, "certs/s", note: "two tasks at once: drawing is serialized, embedding is not")
        report.add("documents.parallel_speedup", two / one, "×", note: "2 tasks ÷ 1 task; 2 would mean no lock cost on 2 cores")
        let preview: @Sendable () throws -> Void = {
            keep(try maker.drawPreview(signedCredential: signed, program: program, passcode: passcode))
        }
        let previewOne = try await Self.throughput(tasks: 1, iterations: iterations, runs: stopwatch.runs, preview)
        let previewTwo = try await Self.throughput(tasks: 2, iterations: iterations, runs: stopwatch.runs, preview)
        report.add("png.previews_per_s_2_tasks", previewTwo, "docs/s", note: "first requests of /c/{id}.png, two at once")
        report.add("png.parallel_speedup", previewTwo / previewOne, "×", note: "PNG encoding runs outside the drawing lock")

        // The same two-at-a-time measurement for signing, which takes no lock, shows what the cores allow.
        let unsigned: JSONValue = {
            guard var object = signed.objectValue else { return signed }
            object["proof"] = nil
            return .object(object)
        }()
        let key = try Ed25519PrivateKey(seed: BenchmarkIssuer.benchmarkOnlySeed)
        let sign: @Sendable () throws -> Void = {
            keep(try DataIntegrity().addProof(
                to: unsigned, suite: EdDSARDFC2022(), options: .init(verificationMethod: "did:web:certs.example.org#key-1"), key: key))
        }
        let signOne = try await Self.throughput(tasks: 1, iterations: iterations * 4, runs: stopwatch.runs, sign)
        let signTwo = try await Self.throughput(tasks: 2, iterations: iterations * 4, runs: stopwatch.runs, sign)
        report.add("rdfc.sign_parallel_speedup", signTwo / signOne, "×", note: "the same measurement for eddsa-rdfc-2022 signing, which takes no lock")
    }

    /// What the pipeline does for the PDF, without the PNG.
    static func renderAndEmbed(_ content: CertificateContent, credentialBytes: [UInt8], renderer: CertificateRenderer) throws -> [UInt8] {
        try embed(content, credentialBytes: credentialBytes, into: try renderer.renderPDF(content, template: .completion), renderer: renderer)
    }

    static func embed(_ content: CertificateContent, credentialBytes: [UInt8], into drawn: [UInt8], renderer: CertificateRenderer) throws -> [UInt8] {
        let area = renderer.verificationLinkArea(pageSize: .a4Landscape)
        return try PDFCredentialEmbedder.embed(
            credentialJSON: credentialBytes, into: drawn,
            link: PDFLink(url: content.verificationURL, left: area.left, bottom: area.bottom, width: area.width, height: area.height),
            metadata: PDFMetadata(
                title: "\(content.achievementName) — \(content.learnerName)", author: content.issuerName,
                subject: "Certificate of \(content.learnerName) for \(content.achievementName)",
                keywords: ["verifiable credential", "passcode \(content.passcode)", content.verificationURL], date: content.issuedOn))
    }

    /// Operations per second with `tasks` tasks sharing `iterations` operations; the median of `runs` runs after a warm-up.
    static func throughput(tasks: Int, iterations: Int, runs: Int, _ work: @escaping @Sendable () throws -> Void) async throws -> Double {
        try work()
        var rates: [Double] = []
        for _ in 0..<runs {
            let seconds = try await Stopwatch.seconds {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for task in 0..<tasks {
                        let share = iterations / tasks + (task < iterations % tasks ? 1 : 0)
                        group.addTask { for _ in 0..<share { try work() } }
                    }
                    try await group.waitForAll()
                }
            }
            rates.append(Double(iterations) / seconds)
        }
        return rates.median
    }
}
