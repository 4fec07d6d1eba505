internal import CCairo
import Foundation

/// Draws certificates to PDF and PNG with Cairo and Pango; both formats come from the same drawing code.
///
/// Rendering is deterministic: the same content, template, branding and page size give the same bytes,
/// because the only date in the document is the content's issue date.
public struct CertificateRenderer: Sendable {
    /// The cache of static layers PDFs are drawn on, or nil to draw every part of every page.
    let staticLayerCache: StaticLayerCache?

    /// Creates a renderer; fonts come from fontconfig.
    ///
    /// With `cachesStaticLayer` (the default) a PDF's background, frame, logo, organisation, heading and
    /// signature block are recorded once per distinct set of those parts (a few are kept, process-wide) and
    /// replayed as vector drawing into each page; the page looks the same either way, and its text stays text.
    /// PNG previews always draw every part.
    public init(cachesStaticLayer: Bool = true) {
        staticLayerCache = cachesStaticLayer ? StaticLayerCache.shared : nil
    }

    /// A renderer drawing PDFs on the static layers of `staticLayerCache` (for the tests of its bounds).
    init(staticLayerCache: StaticLayerCache) {
        self.staticLayerCache = staticLayerCache
    }

    /// Renders a one-page PDF with subsetted, embedded fonts.
    public func renderPDF(
        _ content: CertificateContent, template: CertificateTemplate, branding: Branding = .standard,
        pageSize: PageSize = .a4Landscape
    ) throws(RenderingError) -> [UInt8] {
        let sink = ByteSink()
        try drawPDF(content, template: template, branding: branding, pageSize: pageSize, into: sink)
        return sink.bytes
    }

    /// Renders a PNG preview `width` pixels wide (the height follows the page's proportions).
    public func renderPNG(
        _ content: CertificateContent, template: CertificateTemplate, branding: Branding = .standard,
        pageSize: PageSize = .a4Landscape, width: Int = 1600
    ) throws(RenderingError) -> [UInt8] {
        guard (100...10_000).contains(width) else {
            throw RenderingError(.invalidRequest, "a PNG width of \(width) pixels is outside 100...10000")
        }
        let scale = Double(width) / pageSize.widthInPoints
        let height = Int((pageSize.heightInPoints * scale).rounded())
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))!
        defer { cairo_surface_destroy(surface) }
        try checkSurface(surface)
        try SharedFontMap.withExclusiveAccess { fontMap throws(RenderingError) in
            _ = try draw(content, template: template, branding: branding, pageSize: pageSize, on: surface, scale: scale, fontMap: fontMap)
            cairo_surface_flush(surface)
        }
        // Encoding (libpng and zlib, most of a preview's time) uses no fonts, so it runs outside the drawing lock.
        let sink = ByteSink()
        let status = cairo_surface_write_to_png_stream(surface, ByteSink.write, Unmanaged.passUnretained(sink).toOpaque())
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderingError(.drawingFailed, "cairo could not write the PNG: \(String(cString: cairo_status_to_string(status)))")
        }
        return sink.bytes
    }

    /// Where the QR code and the printed verification URL are on the page, in PDF points from the bottom left:
    /// the place for a clickable link to the verification page.
    public func verificationLinkArea(pageSize: PageSize) -> PageArea {
        let column = CertificateGeometry(pageSize: pageSize).verificationColumn
        return PageArea(
            left: column.x, bottom: pageSize.heightInPoints - column.maxY, width: column.width, height: column.height)
    }

    /// Draws the PDF and returns what text went where, for the layout tests.
    @discardableResult
    func drawPDF(
        _ content: CertificateContent, template: CertificateTemplate, branding: Branding, pageSize: PageSize,
        into sink: ByteSink
    ) throws(RenderingError) -> [DrawnText] {
        // The PDF is finished (fonts subsetted) before the font map goes back to the pool.
        try SharedFontMap.withExclusiveAccess { fontMap throws(RenderingError) in
            try drawPDF(content, template: template, branding: branding, pageSize: pageSize, into: sink, fontMap: fontMap)
        }
    }

    private func drawPDF(
        _ content: CertificateContent, template: CertificateTemplate, branding: Branding, pageSize: PageSize,
        into sink: ByteSink, fontMap: UnsafeMutablePointer<PangoFontMap>
    ) throws(RenderingError) -> [DrawnText] {
        let surface = try pdfSurface(content, template: template, pageSize: pageSize, into: sink)
        defer { cairo_surface_destroy(surface) }
        let drawn =
            if let staticLayerCache {
                try drawOnStaticLayer(
                    content, template: template, branding: branding, pageSize: pageSize, on: surface, fontMap: fontMap,
                    cache: staticLayerCache)
            } else {
                try draw(content, template: template, branding: branding, pageSize: pageSize, on: surface, scale: 1, fontMap: fontMap)
            }
        cairo_surface_finish(surface)
        try checkSurface(surface)
        return drawn
    }

    private func draw(
        _ content: CertificateContent, template: CertificateTemplate, branding: Branding, pageSize: PageSize,
        on surface: OpaquePointer, scale: Double, fontMap: UnsafeMutablePointer<PangoFontMap>
    ) throws(RenderingError) -> [DrawnText] {
        let painter = try painter(
            content, template: template, branding: branding, pageSize: pageSize, on: surface, scale: scale, fontMap: fontMap)
        try painter.paint()
        cairo_show_page(painter.canvas.context)
        try painter.canvas.checkStatus()
        return painter.canvas.drawnTexts
    }

    /// Draws one PDF page: the static layer replayed from `cache` (recorded first if missing), then the learner's fields.
    private func drawOnStaticLayer(
        _ content: CertificateContent, template: CertificateTemplate, branding: Branding, pageSize: PageSize,
        on surface: OpaquePointer, fontMap: UnsafeMutablePointer<PangoFontMap>, cache: StaticLayerCache
    ) throws(RenderingError) -> [DrawnText] {
        let key = StaticLayerCache.Key(content: content, template: template, branding: branding, pageSize: pageSize)
        let cached = cache.layer(for: key)
        // On a hit the logo and signature were decoded when the layer was recorded (their bytes are in the key).
        let painter = try painter(
            content, template: template, branding: branding, pageSize: pageSize, on: surface, scale: 1, fontMap: fontMap,
            decodesImages: cached == nil)
        let layer: StaticLayerCache.Layer
        if let cached {
            layer = cached
        } else {
            layer = try painter.recordStaticLayer(fontMap: fontMap)
            cache.store(layer, for: key)
        }
        painter.replay(layer)
        try painter.paintLearnerLayer(headerBottom: layer.headerBottom, signatureTop: layer.signatureTop)
        cairo_show_page(painter.canvas.context)
        try painter.canvas.checkStatus()
        return painter.canvas.drawnTexts
    }

    /// The painter of one page of `content` on `surface`, its printed values checked and (unless told not to)
    /// its images decoded.
    func painter(
        _ content: CertificateContent, template: CertificateTemplate, branding: Branding, pageSize: PageSize,
        on surface: OpaquePointer, scale: Double, fontMap: UnsafeMutablePointer<PangoFontMap>, decodesImages: Bool = true
    ) throws(RenderingError) -> CertificatePainter {
        for (value, field) in [
            (content.learnerName, "learner name"), (content.achievementName, "achievement name"),
            (content.verificationURL, "verification URL"), (content.passcode, "passcode"),
        ] where value.allSatisfy(\.isWhitespace) {
            throw RenderingError(.invalidRequest, "the \(field) is empty; a certificate must print it")
        }
        let canvas = Canvas(
            surface: surface, fontMap: fontMap, pageWidth: pageSize.widthInPoints, pageHeight: pageSize.heightInPoints,
            scale: scale)
        return CertificatePainter(
            canvas: canvas, content: content, template: template, branding: branding,
            palette: try Palette(branding: branding), geometry: CertificateGeometry(pageSize: pageSize),
            logo: try (decodesImages ? branding.logoImage : nil).map { bytes throws(RenderingError) in
                try RasterImage.decode(bytes: bytes, field: "logo")
            },
            signature: try (decodesImages ? branding.signatureImage : nil).map { bytes throws(RenderingError) in
                try RasterImage.decode(bytes: bytes, field: "signature image")
            },
            qrCode: try QRCode(encoding: content.verificationURL, errorCorrection: .quartile))
    }

    /// A PDF surface writing into `sink`, with the document's metadata; the caller destroys it.
    func pdfSurface(_ content: CertificateContent, template: CertificateTemplate, pageSize: PageSize, into sink: ByteSink)
        throws(RenderingError) -> OpaquePointer
    {
        let surface = cairo_pdf_surface_create_for_stream(
            ByteSink.write, Unmanaged.passUnretained(sink).toOpaque(), pageSize.widthInPoints,
            pageSize.heightInPoints)!
        do throws(RenderingError) {
            try checkSurface(surface)
        } catch {
            cairo_surface_destroy(surface)
            throw error
        }
        // Cairo would otherwise stamp the current time; the issue date keeps the output reproducible.
        cairo_pdf_surface_set_metadata(
            surface, CAIRO_PDF_METADATA_CREATE_DATE, CertificateDate.isoFormat(content.issuedOn))
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "\(template.heading): \(content.learnerName)")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Attest")
        return surface
    }

    func checkSurface(_ surface: OpaquePointer) throws(RenderingError) {
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderingError(.drawingFailed, "cairo: \(String(cString: cairo_status_to_string(status)))")
        }
    }
}
