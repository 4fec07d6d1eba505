import CertificateRendering
import Foundation
import TestSupport
import Testing

/// Every template with a name in every script, checked with the real tools: qpdf, poppler and zbar.
@Suite struct CertificateToolTests {
    static let cases = CertificateTemplate.allCases.flatMap { template in
        SampleCertificates.scripts.map { (template, $0) }
    }

    @Test(arguments: cases)
    func renderedPDFPassesTheTools(template: CertificateTemplate, script: SampleCertificates.Script) throws {
        let content = SampleCertificates.content(learnerName: script.learnerName, template: template)
        let pdf = try CertificateRenderer().renderPDF(
            content, template: template, branding: try SampleCertificates.branding())
        #expect(pdf.count < 150_000, "the PDF is \(pdf.count) bytes")
        let folder = try TemporaryDirectory()
        let path = try folder.write(pdf, to: "certificate.pdf")

        let check = try ExternalTool.run(["qpdf", "--check", path])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardOutput.contains("No syntax or stream encoding errors found"))

        // Every font is embedded as a subset: the certificate prints the same everywhere and stays small.
        let fonts = try ExternalTool.run(["pdffonts", path]).standardOutput.split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for font in fonts {
            let columns = font.split(separator: " ")
            #expect(columns.suffix(5).prefix(3) == ["yes", "yes", "yes"], "font not embedded as a subset: \(font)")
        }

        // poppler wraps right-to-left runs in bidi embedding marks; the characters inside are in logical order.
        let text = try ExternalTool.run(["pdftotext", "-enc", "UTF-8", path, "-"]).standardOutput
        let plain = String(text.unicodeScalars.filter { !(0x200E...0x200F).contains($0.value) && !(0x202A...0x202E).contains($0.value) })
        let words = plain.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains(script.learnerName), "learner name missing from: \(words)")
        #expect(words.contains(content.achievementName))
        #expect(words.contains(content.verificationURL))
        #expect(words.contains("Passcode \(content.passcode)"))
        #expect(words.contains("23 November 2026"))

        // A 150 dpi greyscale render, as a scanner or office printer would make, must give back the URL exactly.
        let image = folder.path("page")
        let render = try ExternalTool.run(["pdftoppm", "-r", "150", "-gray", "-singlefile", path, image])
        #expect(render.status == 0)
        let decoded = try ExternalTool.run(["zbarimg", "--raw", "-q", image + ".pgm"])
        #expect(decoded.standardOutput.trimmingCharacters(in: .newlines) == content.verificationURL)
    }

    @Test(arguments: PageSize.allCases)
    func pageSizeIsLandscapeAndQRStillReads(pageSize: PageSize) throws {
        let content = SampleCertificates.content(template: .completion)
        let pdf = try CertificateRenderer().renderPDF(content, template: .completion, pageSize: pageSize)
        let folder = try TemporaryDirectory()
        let path = try folder.write(pdf, to: "certificate.pdf")
        let info = try ExternalTool.run(["pdfinfo", path]).standardOutput
        let expected = pageSize == .a4Landscape ? "841.89 x 595.28 pts (A4)" : "792 x 612 pts (letter)"
        #expect(info.contains("Page size:       \(expected)"), "\(info)")
        _ = try ExternalTool.run(["pdftoppm", "-r", "150", "-gray", "-singlefile", path, folder.path("page")])
        let decoded = try ExternalTool.run(["zbarimg", "--raw", "-q", folder.path("page.pgm")])
        #expect(decoded.standardOutput.trimmingCharacters(in: .newlines) == content.verificationURL)
    }

    @Test func pngPreviewHasTheRequestedWidthAndAReadableQRCode() throws {
        let content = SampleCertificates.content(template: .achievement)
        let png = try CertificateRenderer().renderPNG(content, template: .achievement, width: 1600)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        // IHDR: width and height are the big-endian words at bytes 16 and 20.
        func word(at offset: Int) -> Int { png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
        #expect(word(at: 16) == 1600)
        #expect(word(at: 20) == 1131)
        let folder = try TemporaryDirectory()
        let path = try folder.write(png, to: "preview.png")
        let decoded = try ExternalTool.run(["zbarimg", "--raw", "-q", path])
        #expect(decoded.standardOutput.trimmingCharacters(in: .newlines) == content.verificationURL)
    }
}
