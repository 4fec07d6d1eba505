internal import CCairo
import Foundation

extension CertificateRenderer {
    /// A training history: `content` on the compliance template, listing every one of its modules
    /// on as many pages as they take. Page 1 is the certificate (QR code, passcode, signature) with
    /// as many rows as fit; each further page repeats the table header and lists the next rows.
    /// Every page of a document of several is labelled "Page N of M"; one page looks like a
    /// compliance certificate.
    public func renderTrainingHistoryPDF(_ content: CertificateContent, branding: Branding = .standard, pageSize: PageSize = .a4Landscape)
        throws(RenderingError) -> [UInt8]
    {
        let sink = ByteSink()
        try SharedFontMap.withExclusiveAccess { fontMap throws(RenderingError) in
            let firstPageRows = try firstPageModuleCount(content, branding: branding, pageSize: pageSize, fontMap: fontMap)
            let perPage = CertificatePainter.continuationRowCapacity(geometry: CertificateGeometry(pageSize: pageSize))
            let remaining = content.modules.dropFirst(firstPageRows)
            let pageCount = 1 + (remaining.count + perPage - 1) / perPage
            func label(_ page: Int) -> String? { pageCount > 1 ? "Page \(page) of \(pageCount)" : nil }

            let surface = try pdfSurface(content, template: .compliance, pageSize: pageSize, into: sink)
            defer { cairo_surface_destroy(surface) }
            var first = try painter(
                content, template: .compliance, branding: branding, pageSize: pageSize, on: surface, scale: 1, fontMap: fontMap)
            first.moduleOverflow = .continuedOnNextPage
            first.pageLabel = label(1)
            try first.paint()
            cairo_show_page(first.canvas.context)
            try first.canvas.checkStatus()
            var start = remaining.startIndex
            for page in stride(from: 2, through: pageCount, by: 1) {
                let end = min(start + perPage, remaining.endIndex)
                var next = try painter(
                    content, template: .compliance, branding: branding, pageSize: pageSize, on: surface, scale: 1, fontMap: fontMap)
                next.pageLabel = label(page)
                try next.paintContinuation(modules: remaining[start..<end])
                cairo_show_page(next.canvas.context)
                try next.canvas.checkStatus()
                start = end
            }
            cairo_surface_finish(surface)
            try checkSurface(surface)
        }
        return sink.bytes
    }

    /// How many modules page 1 of a history shows: its page laid out once on a recording surface,
    /// which keeps no output.
    private func firstPageModuleCount(
        _ content: CertificateContent, branding: Branding, pageSize: PageSize, fontMap: UnsafeMutablePointer<PangoFontMap>
    ) throws(RenderingError) -> Int {
        let surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nil)!
        defer { cairo_surface_destroy(surface) }
        try checkSurface(surface)
        var painter = try painter(
            content, template: .compliance, branding: branding, pageSize: pageSize, on: surface, scale: 1, fontMap: fontMap)
        painter.moduleOverflow = .continuedOnNextPage
        return try painter.paint()
    }
}
