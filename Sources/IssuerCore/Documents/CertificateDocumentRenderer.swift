import CanonicalJSON
import CertificateRendering
import Foundation
import PDFEmbedding

/// Draws a signed credential as a certificate PDF (the credential embedded byte for byte, a link
/// over the QR code, document metadata) and a PNG preview.
public struct CertificateDocumentRenderer: CertificateDocumentMaker {
    /// Reads a branding image (logo, signature) a program names; `nil` when there is none.
    public typealias AssetLoader = @Sendable (String) throws -> [UInt8]

    let loadAsset: AssetLoader?

    /// A renderer; `loadAsset` reads the images programs name (the CLI reads them from disk).
    public init(loadAsset: AssetLoader? = nil) {
        self.loadAsset = loadAsset
    }

    public func documents(signedCredential: JSONValue, credentialBytes: [UInt8], program: Program, passcode: String) throws
        -> CertificateDocuments
    {
        let content = try CertificateContent(
            signedCredential: signedCredential, signatoryName: program.branding.signatoryName,
            signatoryTitle: program.branding.signatoryTitle)
        guard content.passcode == passcode else { throw IssuerError("passcodeMismatch", "the passcode does not belong to this credential") }
        let template = CertificateTemplate(rawValue: program.template) ?? .completion
        let pageSize: PageSize = program.branding.pageSize == "letter" ? .usLetterLandscape : .a4Landscape
        let branding = try branding(for: program)
        return try Self.render(content, credentialBytes: credentialBytes, template: template, branding: branding, pageSize: pageSize)
    }

    /// Renders and embeds; shared by issuance and `attest pdf`.
    public static func render(
        _ content: CertificateContent, credentialBytes: [UInt8], template: CertificateTemplate, branding: CertificateRendering.Branding,
        pageSize: PageSize
    ) throws -> CertificateDocuments {
        let renderer = CertificateRenderer()
        let drawn = try renderer.renderPDF(content, template: template, branding: branding, pageSize: pageSize)
        let area = renderer.verificationLinkArea(pageSize: pageSize)
        let pdf = try PDFCredentialEmbedder.embed(
            credentialJSON: credentialBytes, into: drawn,
            link: PDFLink(url: content.verificationURL, left: area.left, bottom: area.bottom, width: area.width, height: area.height),
            metadata: PDFMetadata(
                title: "\(content.achievementName) — \(content.learnerName)", author: content.issuerName,
                subject: "Certificate of \(content.learnerName) for \(content.achievementName)",
                keywords: ["verifiable credential", "passcode \(content.passcode)", content.verificationURL], date: content.issuedOn))
        // 1200 px wide: the size link previews use, and about half the encoding work of the renderer's default.
        let png = try renderer.renderPNG(content, template: template, branding: branding, pageSize: pageSize, width: 1200)
        return CertificateDocuments(pdf: pdf, png: png)
    }

    private func branding(for program: Program) throws -> CertificateRendering.Branding {
        var branding = CertificateRendering.Branding(organisationName: program.branding.organisation)
        if let primary = program.branding.primaryColor { branding.primaryColor = primary }
        if let accent = program.branding.accentColor { branding.accentColor = accent }
        if let loadAsset {
            branding.logoImage = try program.branding.logo.map(loadAsset)
            branding.signatureImage = try program.branding.signatureImage.map(loadAsset)
        }
        return branding
    }
}
