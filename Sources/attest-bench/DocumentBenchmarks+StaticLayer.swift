import CertificateRendering

/// What the static layer cache saves: the same PDFs drawn with it and without it, alternating in one
/// process, so the machine's load falls on both alike and only the ratio is reported.
extension DocumentBenchmarks {
    func runStaticLayer(_ content: CertificateContent, iterations: Int) throws {
        let plain = try staticLayerSpeedup(content, branding: .standard, iterations: iterations)
        report.add(
            "render.static_layer_speedup", plain.ratio, "×",
            note: "PDF drawing without ÷ with the static layer cache, standard branding (\(Self.milliseconds(plain)))")
        // A program with a logo and a signature image: a 600 px preview of the certificate stands in for both.
        let image = try CertificateRenderer().renderPNG(content, template: .completion, width: 600)
        let branded = Branding(organisationName: content.issuerName, logoImage: image, signatureImage: image)
        let withImages = try staticLayerSpeedup(content, branding: branded, iterations: iterations)
        report.add(
            "render.static_layer_speedup_with_images", withImages.ratio, "×",
            note: "the same with a logo and a signature image (\(Self.milliseconds(withImages)))")
    }

    /// The median of per-pair ratios (drawn ÷ cached) over alternating pairs, and the median times.
    private func staticLayerSpeedup(_ content: CertificateContent, branding: Branding, iterations: Int) throws
        -> (ratio: Double, drawnSeconds: Double, cachedSeconds: Double)
    {
        let cached = CertificateRenderer()
        let drawn = CertificateRenderer(cachesStaticLayer: false)
        let clock = ContinuousClock()
        func time(_ renderer: CertificateRenderer) throws -> Double {
            try clock.measure {
                for _ in 0..<iterations { keep(try renderer.renderPDF(content, template: .completion, branding: branding)) }
            }.seconds / Double(iterations)
        }
        _ = try time(cached)
        _ = try time(drawn)
        var ratios: [Double] = []
        var drawnTimes: [Double] = []
        var cachedTimes: [Double] = []
        for pair in 0..<max(stopwatch.runs, 5) {
            // Which goes first alternates too, so a slow start or end of a pair falls on both.
            let (first, second) = pair.isMultiple(of: 2) ? (try time(drawn), try time(cached)) : swapped(try time(cached), try time(drawn))
            drawnTimes.append(first)
            cachedTimes.append(second)
            ratios.append(first / second)
        }
        return (ratios.median, drawnTimes.median, cachedTimes.median)
    }

    private func swapped(_ cached: Double, _ drawn: Double) -> (Double, Double) { (drawn, cached) }

    private static func milliseconds(_ measured: (ratio: Double, drawnSeconds: Double, cachedSeconds: Double)) -> String {
        let drawn = (measured.drawnSeconds * 1e4).rounded() / 10
        let cached = (measured.cachedSeconds * 1e4).rounded() / 10
        return "\(drawn) ms without, \(cached) ms with"
    }
}
