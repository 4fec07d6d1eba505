internal import CCairo
internal import CRsvg

/// Draws an SVG logo or signature into an image surface with librsvg, at a resolution that stays
/// sharp at the size a certificate prints it (the longer side `targetPixels`).
enum SVGRasterizer {
    static let targetPixels = 1200.0
    static let maximumBytes = 2 << 20

    /// SVG text starts (after white space, a BOM or an XML declaration) with `<svg` or `<?xml`.
    static func looksLikeSVG(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(512), as: UTF8.self).drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        return head.hasPrefix("<svg") || (head.hasPrefix("<?xml") && head.contains("<svg"))
    }

    /// A new ARGB image surface (owned by the caller) with the SVG drawn into it.
    static func rasterize(_ bytes: [UInt8], field: String) throws(RenderingError) -> OpaquePointer {
        guard bytes.count <= maximumBytes else { throw RenderingError(.invalidImage, "the \(field) SVG is larger than 2 MiB") }
        var error: UnsafeMutablePointer<GError>? = nil
        guard let handle = bytes.withUnsafeBufferPointer({ rsvg_handle_new_from_data($0.baseAddress, gsize($0.count), &error) }) else {
            defer { attest_gerror_free(error) }
            throw RenderingError(.invalidImage, "the \(field) is not a readable SVG: \(message(error))")
        }
        defer { attest_rsvg_handle_free(handle) }
        var width = 0.0
        var height = 0.0
        if rsvg_handle_get_intrinsic_size_in_pixels(handle, &width, &height) == 0 || width <= 0 || height <= 0 {
            // No absolute size: take the viewBox's proportions, or a square.
            var viewBox = RsvgRectangle()
            var hasViewBox: gboolean = 0
            rsvg_handle_get_intrinsic_dimensions(handle, nil, nil, nil, nil, &hasViewBox, &viewBox)
            (width, height) = hasViewBox != 0 && viewBox.width > 0 && viewBox.height > 0 ? (viewBox.width, viewBox.height) : (1, 1)
        }
        let scale = targetPixels / max(width, height)
        let pixelWidth = max(1, Int32((width * scale).rounded()))
        let pixelHeight = max(1, Int32((height * scale).rounded()))
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pixelWidth, pixelHeight)!
        let context = cairo_create(surface)!
        defer { cairo_destroy(context) }
        var viewport = RsvgRectangle(x: 0, y: 0, width: Double(pixelWidth), height: Double(pixelHeight))
        guard rsvg_handle_render_document(handle, context, &viewport, &error) != 0 else {
            defer { attest_gerror_free(error) }
            cairo_surface_destroy(surface)
            throw RenderingError(.invalidImage, "the \(field) SVG could not be drawn: \(message(error))")
        }
        cairo_surface_flush(surface)
        return surface
    }

    private static func message(_ error: UnsafeMutablePointer<GError>?) -> String {
        attest_gerror_message(error).map { String(cString: $0) } ?? "unknown error"
    }
}
