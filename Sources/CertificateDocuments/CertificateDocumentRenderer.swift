import CanonicalJSON
import CertificateRendering
import Foundation
import IssuerCore
import PDFEmbedding
import ThreadPools

/// Draws a signed credential as a certificate PDF (the credential embedded byte for byte, a link
/// over the QR code, document metadata) and, on request, a PNG preview.
///
/// Issuance makes only the PDF: the preview costs several times the PDF (mostly PNG compression) and
/// most are never looked at, so `IssuerEnvironment.certificatePreview(for:)` draws it on first request
/// and stores it.
public struct CertificateDocumentRenderer: CertificateDocumentMaker {
    /// Reads a branding image (logo, signature) a program names; `nil` when there is none.
    public typealias AssetLoader = @Sendable (String) throws -> [UInt8]

    /// The preview's width in pixels: the size link previews use.
    public static let previewWidth = 1200

    let loadAsset: AssetLoader?
    let previewAtIssuance: Bool
    /// The threads the `async` methods draw on.
    let drawingThreads: BoundedThreadPool

    /// A renderer; `loadAsset` reads the images programs name (the CLI reads them from disk);
    /// `previewAtIssuance` also draws the PNG preview with every PDF instead of on first request;
    /// `drawingThreads` are where the ``CertificateDocumentMaker`` methods draw (the process's shared ones).
    public init(
        loadAsset: AssetLoader? = nil, previewAtIssuance: Bool = false, drawingThreads: BoundedThreadPool = Self.sharedDrawingThreads
    ) {
        self.loadAsset = loadAsset
        self.previewAtIssuance = previewAtIssuance
        self.drawingThreads = drawingThreads
    }

    /// The PDF (with the PNG when `previewAtIssuance`); refuses a passcode that is not the credential's.
    /// Blocks the calling thread while it draws: ``documents(signedCredential:credentialBytes:program:passcode:)``
    /// runs it on the drawing threads.
    public func drawDocuments(signedCredential: JSONValue, credentialBytes: [UInt8], program: Program, passcode: String) throws
        -> CertificateDocuments
    {
        let content = try CertificateContent(
            signedCredential: signedCredential, signatoryName: program.branding.signatoryName,
            signatoryTitle: program.branding.signatoryTitle)
        guard content.passcode == passcode else { throw IssuerError(.passcodeMismatch, "the passcode does not belong to this credential") }
        let template = Self.template(of: program)
        let pageSize = Self.pageSize(of: program)
        let branding = try branding(for: program)
        return try Self.render(
            content, credentialBytes: credentialBytes, template: template, branding: branding, pageSize: pageSize,
            preview: previewAtIssuance)
    }

    /// The PNG preview, `previewWidth` pixels wide. Blocks the calling thread while it draws.
    public func drawPreview(signedCredential: JSONValue, program: Program, passcode: String) throws -> [UInt8] {
        let content = try CertificateContent(
            signedCredential: signedCredential, signatoryName: program.branding.signatoryName,
            signatoryTitle: program.branding.signatoryTitle)
        guard content.passcode == passcode else { throw IssuerError(.passcodeMismatch, "the passcode does not belong to this credential") }
        return try CertificateRenderer().renderPNG(
            content, template: Self.template(of: program), branding: try branding(for: program), pageSize: Self.pageSize(of: program),
            width: Self.previewWidth)
    }

    /// Renders and embeds, with the PNG preview when `preview` is true; shared by issuance and `attest pdf`.
    public static func render(
        _ content: CertificateContent, credentialBytes: [UInt8], template: CertificateRendering.CertificateTemplate,
        branding: CertificateRendering.Branding, pageSize: CertificateRendering.PageSize, preview: Bool = true
    ) throws -> CertificateDocuments {
        let renderer = CertificateRenderer()
        let drawn = try renderer.renderPDF(content, template: template, branding: branding, pageSize: pageSize)
        let pdf = try embed(credentialBytes, into: drawn, content: content, pageSize: pageSize)
        guard preview else { return CertificateDocuments(pdf: pdf) }
        let png = try renderer.renderPNG(content, template: template, branding: branding, pageSize: pageSize, width: previewWidth)
        return CertificateDocuments(pdf: pdf, png: png)
    }

    /// `drawn` with the credential embedded once, a link to the verification page over page 1's QR
    /// code and the document's metadata.
    static func embed(_ credentialBytes: [UInt8], into drawn: [UInt8], content: CertificateContent, pageSize: CertificateRendering.PageSize)
        throws -> [UInt8]
    {
        let area = CertificateRenderer().verificationLinkArea(pageSize: pageSize)
        return try PDFCredentialEmbedder.embed(
            credentialJSON: credentialBytes, into: drawn,
            link: PDFLink(url: content.verificationURL, left: area.left, bottom: area.bottom, width: area.width, height: area.height),
            metadata: PDFMetadata(
                title: "\(content.achievementName) — \(content.learnerName)", author: content.issuerName,
                subject: "Certificate of \(content.learnerName) for \(content.achievementName)",
                keywords: ["verifiable credential", "passcode \(content.passcode)", content.verificationURL], date: content.issuedOn))
    }

    /// The renderer's design for the program's template: every template has one, nothing falls back.
    static func template(of program: Program) -> CertificateRendering.CertificateTemplate {
        switch program.template {
        case .completion: .completion
        case .achievement: .achievement
        case .compliance: .compliance
        }
    }

    /// The renderer's page for the program's paper; a program that names none is on A4 (the schema's default).
    static func pageSize(of program: Program) -> CertificateRendering.PageSize {
        switch program.branding.pageSize ?? .a4 {
        case .a4: .a4Landscape
        case .letter: .usLetterLandscape
        }
    }

    private func branding(for program: Program) throws -> CertificateRendering.Branding {
        try Self.branding(for: program, loadAsset: loadAsset)
    }

    /// The program's organisation and colours, with its images when `loadAsset` reads them.
    static func branding(for program: Program, loadAsset: AssetLoader?) throws -> CertificateRendering.Branding {
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
