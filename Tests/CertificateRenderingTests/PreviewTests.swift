import CertificateRendering
import Foundation
import Testing

/// The preview folder: set by `scripts/previews.sh`; without it these writers do not run at all.
let previewFolder = ProcessInfo.processInfo.environment["ATTEST_PREVIEW_DIR"]

/// Writes every template as PNG and PDF into ATTEST_PREVIEW_DIR, for a person to look at. Not a
/// test of anything, so it never passes in the suite: without the variable it is reported as
/// skipped, not as a pass. Run it with `bash scripts/previews.sh DIR`.
@Suite(.enabled(if: previewFolder != nil, "writes previews for people only: bash scripts/previews.sh DIR"))
struct PreviewTests {
    @Test(arguments: CertificateTemplate.allCases)
    func writePreviews(template: CertificateTemplate) throws {
        let folder = try #require(previewFolder)
        let renderer = CertificateRenderer()
        for (index, script) in SampleCertificates.scripts.enumerated() {
            let content = SampleCertificates.content(learnerName: script.learnerName, template: template)
            let branding = index == 0 ? try SampleCertificates.branding() : .standard
            let png = try renderer.renderPNG(content, template: template, branding: branding, width: 1400)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            try Data(png).write(to: URL(fileURLWithPath: "\(folder)/\(template.rawValue)-\(index).png"))
            let pdf = try renderer.renderPDF(content, template: template, branding: branding)
            try Data(pdf).write(to: URL(fileURLWithPath: "\(folder)/\(template.rawValue)-\(index).pdf"))
        }
    }
}

extension PreviewTests {
    @Test func writeStressPreviews() throws {
        let folder = try #require(previewFolder)
        for template in CertificateTemplate.allCases {
            var content = SampleCertificates.content(learnerName: CertificateLayoutTests.veryLongName, template: template)
            content.achievementName = "Advanced Certificate in Occupational Health, Safety and Environmental Management for Supervisors"
            content.modules += content.modules + content.modules
            let png = try CertificateRenderer().renderPNG(
                content, template: template, branding: try SampleCertificates.branding(), pageSize: .usLetterLandscape, width: 1400)
            try Data(png).write(to: URL(fileURLWithPath: "\(folder)/stress-\(template.rawValue).png"))
        }
    }
}
