internal import CCairo

/// A logo or signature as a Cairo image surface: a PNG decoded by Cairo, or an SVG drawn by librsvg.
final class RasterImage {
    let surface: OpaquePointer
    let width: Int
    let height: Int

    /// Decodes PNG or SVG bytes (told apart by their content, not a file name).
    static func decode(bytes: [UInt8], field: String) throws(RenderingError) -> RasterImage {
        if SVGRasterizer.looksLikeSVG(bytes) {
            return try RasterImage(adopting: try SVGRasterizer.rasterize(bytes, field: field), field: field)
        }
        return try RasterImage(bytes: bytes, field: field)
    }

    /// Takes ownership of an image surface made elsewhere.
    init(adopting created: OpaquePointer, field: String) throws(RenderingError) {
        surface = created
        width = Int(cairo_image_surface_get_width(created))
        height = Int(cairo_image_surface_get_height(created))
        guard width > 0, height > 0 else {
            cairo_surface_destroy(created)
            throw RenderingError(.invalidImage, "the \(field) has no pixels")
        }
    }

    init(bytes: [UInt8], field: String) throws(RenderingError) {
        let reader = ByteReader(bytes: bytes)
        let created = cairo_image_surface_create_from_png_stream(
            { closure, data, length in
                let reader = Unmanaged<ByteReader>.fromOpaque(closure!).takeUnretainedValue()
                return reader.read(into: data!, count: Int(length))
                    ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR
            }, Unmanaged.passUnretained(reader).toOpaque())!
        let status = cairo_surface_status(created)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(created)
            throw RenderingError(
                .invalidImage, "the \(field) is not a readable PNG: \(String(cString: cairo_status_to_string(status)))")
        }
        surface = created
        width = Int(cairo_image_surface_get_width(created))
        height = Int(cairo_image_surface_get_height(created))
        guard width > 0, height > 0 else {
            cairo_surface_destroy(created)
            throw RenderingError(.invalidImage, "the \(field) has no pixels")
        }
    }

    deinit { cairo_surface_destroy(surface) }
}

/// Hands bytes to Cairo's PNG reader in the chunks it asks for.
private final class ByteReader {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        guard count <= bytes.count - offset else { return false }
        bytes.withUnsafeBufferPointer { source in
            destination.update(from: source.baseAddress! + offset, count: count)
        }
        offset += count
        return true
    }
}

/// Collects the bytes Cairo writes for a PDF or PNG.
final class ByteSink {
    var bytes: [UInt8] = []

    /// The C callback Cairo calls with each chunk; the closure is an unretained `ByteSink`.
    static let write: cairo_write_func_t = { closure, data, length in
        let sink = Unmanaged<ByteSink>.fromOpaque(closure!).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }
}
