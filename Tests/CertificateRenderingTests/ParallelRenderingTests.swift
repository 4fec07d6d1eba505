import Foundation
import Synchronization
import Testing

@testable import CertificateRendering

/// Issuance and the server render from several threads at once; only the drawing itself is serialized
/// (`SharedFontMap`), PNG encoding is not. Without the lock this test crashed in Cairo or FreeType within a
/// few runs. Real threads (not tasks, whose pool may have only two) render every script as PDF and PNG at
/// the same time, and each result must equal the one rendered alone afterwards.
@Suite struct ParallelRenderingTests {
    static let threadCount = 6

    @Test func threadsDrawingAtOnceGiveTheSameBytesAsOneThread() throws {
        let renderer = CertificateRenderer()
        let branding = try SampleCertificates.branding()
        let jobs: [(CertificateContent, CertificateTemplate)] = SampleCertificates.scripts.enumerated().map { index, script in
            let template = CertificateTemplate.allCases[index % CertificateTemplate.allCases.count]
            return (SampleCertificates.content(learnerName: script.learnerName, template: template), template)
        }
        let results = Mutex<[String: [UInt8]]>([:])
        let failures = Mutex<[String]>([])
        var threads: [Thread] = []
        let finished = DispatchGroup()
        for thread in 0..<Self.threadCount {
            finished.enter()
            let worker = Thread {
                defer { finished.leave() }
                // Each thread starts at a different job, so different scripts and formats overlap.
                for step in 0..<jobs.count {
                    let job = (step + thread) % jobs.count
                    let (content, template) = jobs[job]
                    do {
                        let pdf = try renderer.renderPDF(content, template: template, branding: branding)
                        let png = try renderer.renderPNG(content, template: template, branding: branding, width: 400)
                        results.withLock { stored in
                            for (key, bytes) in [("\(job).pdf", pdf), ("\(job).png", png)] {
                                if let earlier = stored[key], earlier != bytes { failures.withLock { $0.append("\(key) differs between threads") } }
                                stored[key] = bytes
                            }
                        }
                    } catch {
                        failures.withLock { $0.append("thread \(thread), job \(job): \(error)") }
                    }
                }
            }
            worker.stackSize = 8 << 20
            threads.append(worker)
        }
        threads.forEach { $0.start() }
        finished.wait()

        #expect(failures.withLock { $0 } == [])
        for (job, (content, template)) in jobs.enumerated() {
            let pdf = try renderer.renderPDF(content, template: template, branding: branding)
            let png = try renderer.renderPNG(content, template: template, branding: branding, width: 400)
            #expect(results.withLock { $0["\(job).pdf"] } == pdf, "PDF \(job) drawn in parallel differs from the one drawn alone")
            #expect(results.withLock { $0["\(job).png"] } == png, "PNG \(job) drawn in parallel differs from the one drawn alone")
        }
    }
}
