import CertificateDocuments
import Foundation
import IssuerCore
import TestSupport
import Testing

/// Issue 18 point 2: the template family the console shows is the drawing the learner gets. For
/// each built-in template, the issued PDF is rasterised by poppler's `pdftoppm` at the size of the
/// PNG the console shows, and the two are compared pixel by pixel: the credential's own preview
/// must be near-identical to its PDF, and the console's sample drawing (same learner, date and
/// program; only the QR code, passcode and id are the sample's) must differ from it only a little,
/// while the sample of another template differs a lot (so the comparison can tell them apart).
@Suite("The template family's pictures are the issued PDF's drawing")
struct TemplateFamilyDrawingTests {
    static let branded: Program = {
        var program = IssuerFixture.program
        program.branding = Branding(
            organisation: "Northwind Safety Academy", primaryColor: "#7A1F4E", accentColor: "#2F8F5B", signatoryName: "Dr. Amara Okafor",
            signatoryTitle: "Head of Training")
        return program
    }()

    /// An RGB raster (a binary PPM, as pdftoppm and Pillow write it).
    struct Raster: Equatable {
        let width: Int
        let height: Int
        let pixels: [UInt8]

        init(ppm bytes: [UInt8]) throws {
            var fields: [String] = []
            var index = 0
            while fields.count < 4 {
                while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                    index += 1
                }
                var field = ""
                while index < bytes.count, ![0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) {
                    field.unicodeScalars.append(Unicode.Scalar(bytes[index]))
                    index += 1
                }
                fields.append(field)
            }
            index += 1
            try #require(fields[0] == "P6" && fields[3] == "255", "not an 8-bit binary PPM: \(fields)")
            width = try #require(Int(fields[1]))
            height = try #require(Int(fields[2]))
            pixels = Array(bytes[index...])
            try #require(pixels.count == width * height * 3, "the PPM holds \(pixels.count) bytes for \(width)×\(height)")
        }

        /// A perceptual difference: both pictures cut into `block`×`block` squares, the share of
        /// squares whose average colour differs by more than `tolerance` in some channel. Two
        /// rasterisers draw the edges of letters a pixel apart; a different layout moves whole squares.
        func differingShare(from other: Raster, block: Int = 8, tolerance: Int = 24) -> Double {
            var differing = 0
            var squares = 0
            for top in stride(from: 0, to: height - block + 1, by: block) {
                for left in stride(from: 0, to: width - block + 1, by: block) {
                    var sums = [0, 0, 0, 0, 0, 0]
                    for y in top..<(top + block) {
                        for x in left..<(left + block) {
                            let base = (y * width + x) * 3
                            for channel in 0..<3 {
                                sums[channel] += Int(pixels[base + channel])
                                sums[3 + channel] += Int(other.pixels[base + channel])
                            }
                        }
                    }
                    squares += 1
                    let count = block * block
                    if (0..<3).contains(where: { abs(sums[$0] - sums[3 + $0]) > tolerance * count }) { differing += 1 }
                }
            }
            return Double(differing) / Double(max(squares, 1))
        }
    }

    /// Decodes a PNG with Pillow, on white, into an 8-bit binary PPM.
    static let pngToPPM = """
        import sys
        from PIL import Image
        image = Image.open(sys.argv[1]).convert("RGBA")
        Image.alpha_composite(Image.new("RGBA", image.size, "white"), image).convert("RGB").save(sys.argv[2], "PPM")
        """

    /// `png` decoded by Pillow, and `pdf`'s first page rasterised by pdftoppm at the same size.
    func rasters(png: [UInt8], pdf: [UInt8], in folder: TemporaryDirectory, name: String) throws -> (Raster, Raster) {
        let pngPath = try folder.write(png, to: "\(name).png")
        let converted = try ExternalTool.run(["python3", "-c", Self.pngToPPM, pngPath, folder.path("\(name)-png.ppm")])
        try #require(converted.status == 0, "Pillow: \(converted.standardError)")
        let image = try Raster(ppm: Array(try Data(contentsOf: URL(fileURLWithPath: folder.path("\(name)-png.ppm")))))
        let pdfPath = try folder.write(pdf, to: "\(name).pdf")
        let rasterised = try ExternalTool.run([
            "pdftoppm", "-f", "1", "-l", "1", "-singlefile", "-scale-to-x", String(image.width), "-scale-to-y", String(image.height),
            pdfPath,
            folder.path("\(name)-pdf"),
        ])
        try #require(rasterised.status == 0, "pdftoppm: \(rasterised.standardError)")
        let page = try Raster(ppm: Array(try Data(contentsOf: URL(fileURLWithPath: folder.path("\(name)-pdf.ppm")))))
        return (image, page)
    }

    @Test("preview and PDF are the same drawing", arguments: CertificateTemplate.allCases)
    func sameDrawing(template: CertificateTemplate) async throws {
        var program = Self.branded
        program.template = template
        let fixture = try await IssuerFixture(program: program)
        var environment = fixture.environment
        let renderer = CertificateDocumentRenderer()
        environment.documents = renderer
        let pipeline = IssuancePipeline(environment: environment, actor: "test")
        // Score 90: what the sample of an achievement certificate prints.
        guard case .issued(_, let credentialID) = try await pipeline.intake(IssuerFixture.event(score: 90)) else {
            Issue.record("the completion was not issued")
            return
        }
        let record = try await pipeline.finish(credentialID: credentialID)
        let pdf = Array(try #require(record.pdf))
        let folder = try TemporaryDirectory()

        // The credential's own preview (the PNG on its verification page) is its PDF, drawn again.
        let preview = try #require(try await environment.certificatePreview(for: record))
        let (previewImage, previewPage) = try rasters(png: preview, pdf: pdf, in: folder, name: "preview")
        #expect(previewImage.width == previewPage.width && previewImage.height == previewPage.height)
        let previewShare = previewImage.differingShare(from: previewPage)
        #expect(previewShare < 0.02, "\(template): \(previewShare * 100) % of the preview's squares differ from the PDF's")

        // The console's template picture for the same learner and day: only the sample's QR code,
        // passcode and id differ from the issued PDF.
        let sample = CertificateDocumentRenderer.SampleCertificate(
            learnerName: "Zoë Åkesson", issuerName: fixture.issuer.name, baseURL: fixture.issuer.baseURL, issuedOn: record.issuedAt)
        let picture = try await renderer.samplePreview(sample, program: program)
        let (pictureImage, picturePage) = try rasters(png: picture, pdf: pdf, in: folder, name: "sample")
        let pictureShare = pictureImage.differingShare(from: picturePage)
        #expect(pictureShare < 0.05, "\(template): \(pictureShare * 100) % of the console's picture differs from the PDF")

        // The picture of another template is told apart.
        var other = program
        other.template = CertificateTemplate.allCases.first { $0 != template }!
        let otherPicture = try await renderer.samplePreview(sample, program: other)
        let (otherImage, otherPage) = try rasters(png: otherPicture, pdf: pdf, in: folder, name: "other")
        let otherShare = otherImage.differingShare(from: otherPage)
        #expect(otherShare > pictureShare * 2 && otherShare > 0.07, "\(template) vs \(other.template): only \(otherShare * 100) % differ")
    }
}
