import Foundation
import TestSupport
import Testing

@testable import CertificateRendering

@Suite struct CertificateRendererTests {
    @Test func sameInputGivesTheSameBytes() throws {
        let renderer = CertificateRenderer()
        let content = SampleCertificates.content(template: .achievement)
        let branding = try SampleCertificates.branding()
        #expect(
            try renderer.renderPDF(content, template: .achievement, branding: branding)
                == renderer.renderPDF(content, template: .achievement, branding: branding))
        #expect(
            try renderer.renderPNG(content, template: .achievement, width: 600)
                == renderer.renderPNG(content, template: .achievement, width: 600))
    }

    @Test func pdfCarriesTheIssueDateNotTheClock() throws {
        let pdf = try CertificateRenderer().renderPDF(SampleCertificates.content(template: .completion), template: .completion)
        let folder = try TemporaryDirectory()
        let info = try ExternalTool.run(["pdfinfo", "-isodates", try folder.write(pdf, to: "c.pdf")]).standardOutput
        #expect(info.contains("CreationDate:    2026-11-23T09:30:00Z"), "\(info)")
    }

    @Test func datesAreWrittenTheSameInEveryLocale() {
        #expect(CertificateDate.format(SampleCertificates.issuedOn) == "23 November 2026")
        #expect(CertificateDate.format(Date(timeIntervalSince1970: 0)) == "1 January 1970")
        #expect(CertificateDate.isoFormat(SampleCertificates.issuedOn) == "2026-11-23T09:30:00Z")
    }

    @Test func templatesLookDifferent() throws {
        let renderer = CertificateRenderer()
        let outputs = try CertificateTemplate.allCases.map { template in
            try renderer.renderPDF(SampleCertificates.content(template: template), template: template)
        }
        #expect(Set(outputs).count == 3)
    }

    @Test func brandingColoursAreValidated() {
        for bad in ["navy", "#12345", "#GGGGGG", ""] {
            #expect(throws: RenderingError.self) {
                try CertificateRenderer().renderPDF(
                    SampleCertificates.content(template: .completion), template: .completion, branding: Branding(primaryColor: bad))
            }
        }
    }

    @Test func brandingColoursChangeTheDrawing() throws {
        let renderer = CertificateRenderer()
        let content = SampleCertificates.content(template: .completion)
        let navy = try renderer.renderPNG(content, template: .completion, width: 400)
        let green = try renderer.renderPNG(
            content, template: .completion, branding: Branding(primaryColor: "#1B5E20", accentColor: "#C62828"), width: 400)
        #expect(navy != green)
    }

    @Test(arguments: [
        [UInt8](repeating: 7, count: 64),  // neither PNG nor SVG
        Array("<svg xmlns='http://www.w3.org/2000/svg'><rect width='10'".utf8),  // broken SVG
    ])
    func logoThatIsNotAnImageIsRefused(bytes: [UInt8]) {
        do {
            _ = try CertificateRenderer().renderPDF(
                SampleCertificates.content(template: .completion), template: .completion, branding: Branding(logoImage: bytes))
            Issue.record("a broken logo was accepted")
        } catch {
            #expect(error.code == .invalidImage)
            #expect(error.reason.contains("logo"))
        }
    }

    @Test func svgLogoAndSignatureAreDrawn() throws {
        let renderer = CertificateRenderer()
        let content = SampleCertificates.content(template: .completion)
        let logo = Array(
            """
            <?xml version="1.0"?>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40" rx="8" fill="#C62828"/>
            <circle cx="20" cy="20" r="12" fill="#FFFFFF"/></svg>
            """.utf8)
        let signature = Array("<svg xmlns='http://www.w3.org/2000/svg' width='200' height='60'><path d='M5 50 C 40 0, 80 60, 195 10' stroke='#000' stroke-width='3' fill='none'/></svg>".utf8)
        let plain = try renderer.renderPNG(content, template: .completion, width: 600)
        let withLogo = try renderer.renderPNG(content, template: .completion, branding: Branding(logoImage: logo), width: 600)
        let withBoth = try renderer.renderPNG(
            content, template: .completion, branding: Branding(logoImage: logo, signatureImage: signature), width: 600)
        #expect(plain != withLogo)
        #expect(withLogo != withBoth)
        let pdf = try renderer.renderPDF(content, template: .completion, branding: Branding(logoImage: logo, signatureImage: signature))
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
    }

    @Test func pngWidthIsChecked() {
        #expect(throws: RenderingError.self) {
            try CertificateRenderer().renderPNG(SampleCertificates.content(template: .completion), template: .completion, width: 0)
        }
    }

    @Test func emptyEssentialsAreRefused() {
        var content = SampleCertificates.content(template: .completion)
        content.learnerName = "  "
        #expect(throws: RenderingError(.invalidRequest, "the learner name is empty; a certificate must print it")) {
            try CertificateRenderer().renderPDF(content, template: .completion)
        }
        content = SampleCertificates.content(template: .completion)
        content.passcode = ""
        #expect(throws: RenderingError.self) { try CertificateRenderer().renderPNG(content, template: .completion, width: 300) }
    }

    @Test func complianceWithoutModulesIsRefused() {
        var content = SampleCertificates.content(template: .compliance)
        content.modules = []
        #expect(throws: RenderingError.self) { try CertificateRenderer().renderPDF(content, template: .compliance) }
    }
}
