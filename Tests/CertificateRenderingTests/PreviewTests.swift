import CertificateRendering
import Foundation
import Testing

/// Writes every template as PNG into ATTEST_PREVIEW_DIR when it is set, for a person to look at.
@Suite struct PreviewTests {
    @Test(arguments: CertificateTemplate.allCases)
    func writePreviews(template: CertificateTemplate) throws {
        guard let folder = ProcessInfo.processInfo.environment["ATTEST_PREVIEW_DIR"] else { return }
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
        guard let folder = ProcessInfo.processInfo.environment["ATTEST_PREVIEW_DIR"] else { return }
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
