import Foundation
import TestSupport
import Testing

@testable import CertificateRendering

/// Long names shrink, then wrap, and nothing ever leaves the page; text no font can draw is refused.
@Suite struct CertificateLayoutTests {
    /// Draws a PDF and returns where each text went.
    func layout(
        _ content: CertificateContent, template: CertificateTemplate, pageSize: PageSize = .a4Landscape,
        branding: Branding = .standard
    ) throws(RenderingError) -> [DrawnText] {
        try CertificateRenderer().drawPDF(content, template: template, branding: branding, pageSize: pageSize, into: ByteSink())
    }

    func nameText(_ drawn: [DrawnText]) throws -> DrawnText {
        try #require(drawn.first { $0.field == "learner name" })
    }

    static let longName = "María Fernanda Rodríguez-Castellanos Villanueva"
    static let veryLongName =
        "Prof. Dr. Maximiliane Alexandra Konstantina von Hohenzollern-Sigmaringen-Württemberg, Gräfin zu Liechtenstein-Schwarzenberg"

    @Test func shortNameIsSetLargeOnOneLine() throws {
        let drawn = try nameText(layout(SampleCertificates.content(learnerName: "Ana Lee", template: .completion), template: .completion))
        #expect(drawn.fontSize == 40)
        #expect(drawn.lineCount == 1)
    }

    @Test func longNameShrinksBeforeItWraps() throws {
        let drawn = try nameText(
            layout(SampleCertificates.content(learnerName: Self.longName, template: .completion), template: .completion))
        #expect(drawn.fontSize < 40)
        #expect(drawn.fontSize >= 22)
        #expect(drawn.lineCount == 1)
    }

    @Test func veryLongNameWraps() throws {
        let drawn = try nameText(
            layout(SampleCertificates.content(learnerName: Self.veryLongName, template: .completion), template: .completion))
        #expect((2...3).contains(drawn.lineCount))
        #expect(drawn.fontSize >= 22)
    }

    @Test func absurdlyLongNameIsRefusedRatherThanCut() {
        let name = String(repeating: "Bartholomew ", count: 40)
        #expect(throws: RenderingError.self) {
            try layout(SampleCertificates.content(learnerName: name, template: .completion), template: .completion)
        }
    }

    static let stressCases: [(CertificateTemplate, PageSize)] = CertificateTemplate.allCases.flatMap { template in
        PageSize.allCases.map { (template, $0) }
    }

    @Test(arguments: stressCases)
    func everyTextStaysInsideTheFrame(template: CertificateTemplate, pageSize: PageSize) throws {
        var content = SampleCertificates.content(learnerName: Self.veryLongName, template: template)
        content.achievementName =
            "Advanced Certificate in Occupational Health, Safety and Environmental Management for Supervisors and Team Leaders"
        content.achievementDescription = String(repeating: "A long description that goes on and on. ", count: 12)
        content.issuerName = "The International Institute for Professional Development and Continuing Education"
        content.verificationURL = "https://certificates.training.northwind-academy.example/c/7Q2M9KX4TB-2026-11"
        content.signatoryTitle = "Executive Director of Learning, Development and Organisational Compliance"
        content.group = "Northern Regional Distribution Centre, Building 4, Night Shift Team B"
        content.result = "Distinction with Honours · Score 98.5 % · Top of the cohort of 2026"
        content.modules = (1...14).map {
            TrainingModuleLine(
                name: "Module \($0): Hazard Identification, Risk Assessment and Control Measures in Practice",
                completedOn: SampleCertificates.issuedOn, expiresOn: SampleCertificates.issuedOn + 86_400 * 365)
        }
        let drawn = try layout(content, template: template, pageSize: pageSize, branding: try SampleCertificates.branding())
        let geometry = CertificateGeometry(pageSize: pageSize)
        // Inside the inner hairline of the frame, which is inside the page.
        let inset = geometry.innerFrameInset + 4
        let inner = Frame(x: inset, y: inset, width: geometry.width - 2 * inset, height: geometry.height - 2 * inset)
        #expect(drawn.count > 10)
        for text in drawn {
            #expect(inner.contains(text.inkFrame), "\(text.field) \"\(text.text)\" at \(text.inkFrame) leaves \(inner)")
        }
        if template == .compliance {
            #expect(drawn.contains { $0.field == "module summary" && $0.text.hasPrefix("and ") })
        }
        // Texts in the body must not run into each other.
        let body = drawn.filter { ["learner name", "achievement name", "introduction", "achievement introduction"].contains($0.field) }
        for (upper, lower) in zip(body, body.dropFirst()) {
            #expect(upper.inkFrame.maxY <= lower.inkFrame.y + 0.5, "\(upper.field) overlaps \(lower.field)")
        }
    }

    @Test(arguments: SampleCertificates.scripts)
    func namesInEveryScriptStayOnOneLineInsideTheFrame(script: SampleCertificates.Script) throws {
        for template in CertificateTemplate.allCases {
            let drawn = try layout(SampleCertificates.content(learnerName: script.learnerName, template: template), template: template)
            let name = try nameText(drawn)
            #expect(name.fontSize == 40 && name.lineCount == 1, "\(template)")
            let geometry = CertificateGeometry(pageSize: .a4Landscape)
            #expect(geometry.content.contains(name.inkFrame), "\(template): \(name.inkFrame)")
            // Centred: the name's ink is balanced about the page's middle, right-to-left scripts included.
            #expect(abs(name.inkFrame.x + name.inkFrame.width / 2 - geometry.width / 2) < 3, "\(template)")
        }
    }

    @Test(arguments: [
        ("private use", "Ana \u{E000} Lee"),
        ("unassigned", "Ana \u{0378} Lee"),
        ("Toto script (no installed font)", "\u{1E290}\u{1E291}\u{1E292}"),
    ])
    func textNoFontCanDrawIsRefused(kind: String, name: String) throws {
        // The premise: fontconfig knows no font for the first unusual code point.
        let unusual = try #require(name.unicodeScalars.first { $0.value > 0x36F })
        let fonts = try ExternalTool.run(["fc-list", ":charset=\(String(unusual.value, radix: 16))", "family"])
        #expect(fonts.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(kind): \(fonts.standardOutput)")
        do {
            _ = try CertificateRenderer().renderPDF(
                SampleCertificates.content(learnerName: name, template: .completion), template: .completion)
            Issue.record("\(kind) was drawn")
        } catch {
            #expect(error.code == .unsupportedCharacters)
            #expect(error.reason.contains("learner name"))
        }
    }

    @Test func unsupportedCharactersAnywhereAreRefused() {
        var content = SampleCertificates.content(template: .compliance)
        content.modules[1].name = "Manual Handling \u{E123}"
        #expect(
            throws: RenderingError(
                .unsupportedCharacters, "the module name \"Manual Handling \u{E123}\" has 1 character(s) no installed font can draw")
        ) {
            try CertificateRenderer().renderPDF(content, template: .compliance)
        }
    }

    @Test func verificationLinkAreaCoversTheQRCode() {
        for pageSize in PageSize.allCases {
            let area = CertificateRenderer().verificationLinkArea(pageSize: pageSize)
            let geometry = CertificateGeometry(pageSize: pageSize)
            let qr = geometry.qrFrame
            // Convert the QR frame (top-left origin) to PDF's bottom-left origin.
            let qrBottom = pageSize.heightInPoints - qr.maxY
            #expect(area.left <= qr.x && area.left + area.width >= qr.maxX)
            #expect(area.bottom <= qrBottom && area.bottom + area.height >= qrBottom + qr.height)
            #expect(area.left + area.width <= pageSize.widthInPoints - geometry.contentInset + 0.01)
        }
    }
}
