import Foundation
import TestSupport
import Testing

@testable import CertificateRendering

/// The static layer cache changes how a PDF is drawn, never what a reader sees: every page drawn on a
/// replayed layer is rasterised beside the same page drawn part by part and compared pixel by pixel.
@Suite struct StaticLayerCacheTests {
    static let names = [
        "Zoë Łukasiewicz-Núñez",
        "Maximiliana Alexandra Konstantinopoulou-Vanderbilt-Oyelaran de la Fuente y Montenegro",
        "فاطمة الزهراء بن علي",
        "王小明",
    ]
    static let cases = CertificateTemplate.allCases.flatMap { template in names.map { (template, $0) } }

    @Test(arguments: cases)
    func replayedLayerLooksTheSame(template: CertificateTemplate, learnerName: String) throws {
        let branding = try SampleCertificates.branding()
        let content = SampleCertificates.content(learnerName: learnerName, template: template)
        // Another learner of the same program first, so this page replays a layer recorded for someone else.
        _ = try CertificateRenderer().renderPDF(
            SampleCertificates.content(learnerName: "Warm Up", template: template), template: template, branding: branding)
        let cached = try CertificateRenderer().renderPDF(content, template: template, branding: branding)
        let drawn = try CertificateRenderer(cachesStaticLayer: false).renderPDF(content, template: template, branding: branding)
        try expectSamePage(cached, drawn)
    }

    /// Programs that differ only in a static part must not share a layer.
    @Test(arguments: [
        (Branding(organisationName: "Harbour Safety College"), "Dr. Helen Carter", "Director of Training"),
        (Branding(organisationName: "Northwind Training Academy"), "Sam Okafor", "Director of Training"),
        (Branding(organisationName: "Northwind Training Academy"), "Dr. Helen Carter", "Head of Compliance"),
        (
            Branding(organisationName: "Northwind Training Academy", headingFontFamily: "DejaVu Sans"), "Dr. Helen Carter",
            "Director of Training"
        ),
    ])
    func changedStaticPartIsRedrawn(branding: Branding, signatoryName: String, signatoryTitle: String) throws {
        _ = try CertificateRenderer().renderPDF(
            SampleCertificates.content(template: .completion), template: .completion,
            branding: Branding(organisationName: "Northwind Training Academy"))
        var content = SampleCertificates.content(template: .completion)
        content.signatoryName = signatoryName
        content.signatoryTitle = signatoryTitle
        let cached = try CertificateRenderer().renderPDF(content, template: .completion, branding: branding)
        let drawn = try CertificateRenderer(cachesStaticLayer: false).renderPDF(content, template: .completion, branding: branding)
        try expectSamePage(cached, drawn)
    }

    @Test func cacheKeepsAFewLayers() throws {
        for index in 0..<12 {
            _ = try CertificateRenderer().renderPDF(
                SampleCertificates.content(template: .completion), template: .completion,
                branding: Branding(organisationName: "Academy \(index)"))
        }
        #expect(StaticLayerCache.shared.count <= StaticLayerCache.shared.capacity)
        #expect(StaticLayerCache.shared.capacity == 8)
    }

    /// Decoded images count against a byte budget, so a few programs with large images cannot hold much memory.
    @Test func cacheKeepsLayersWithinItsByteBudget() throws {
        let cache = StaticLayerCache(capacity: 8, maximumCost: 1 << 20)
        let renderer = CertificateRenderer(staticLayerCache: cache)
        let logo = try SampleCertificates.fixture("logo.png")
        let signature = try SampleCertificates.fixture("signature.png")
        for index in 0..<6 {
            _ = try renderer.renderPDF(
                SampleCertificates.content(template: .completion), template: .completion,
                branding: Branding(organisationName: "Academy \(index)", logoImage: logo, signatureImage: signature))
        }
        // Each layer holds 600 × 160 + 480 × 140 pixels at 4 bytes and 64 KiB: 718,336 bytes, so one fits.
        #expect(cache.count == 1)
        #expect(cache.cost <= 1 << 20)
    }

    /// The same text (pdftotext) and the same pixels at 100 dpi (pdftoppm, RGB).
    private func expectSamePage(_ cached: [UInt8], _ drawn: [UInt8]) throws {
        let folder = try TemporaryDirectory()
        let cachedPath = try folder.write(cached, to: "cached.pdf")
        let drawnPath = try folder.write(drawn, to: "drawn.pdf")
        let cachedText = try ExternalTool.run(["pdftotext", "-enc", "UTF-8", cachedPath, "-"]).standardOutput
        let drawnText = try ExternalTool.run(["pdftotext", "-enc", "UTF-8", drawnPath, "-"]).standardOutput
        #expect(cachedText == drawnText)
        for (path, name) in [(cachedPath, "cached"), (drawnPath, "drawn")] {
            let render = try ExternalTool.run(["pdftoppm", "-r", "100", "-singlefile", path, folder.path(name)])
            try #require(render.status == 0, "\(render.standardError)")
        }
        let cachedPixels = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.path("cached.ppm"))))
        let drawnPixels = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.path("drawn.ppm"))))
        try #require(cachedPixels.count == drawnPixels.count)
        let differing = zip(cachedPixels, drawnPixels).filter { $0 != $1 }.count
        #expect(differing == 0, "\(differing) of \(cachedPixels.count) bytes differ")
    }
}
