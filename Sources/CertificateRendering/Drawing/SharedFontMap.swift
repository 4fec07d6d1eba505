internal import CCairo
import Synchronization

/// The one Pango font map of the process, and the lock under which all drawing happens.
///
/// Drawing cannot run on two threads at once with the Cairo 1.16 / FreeType 2.12 of Debian 12: Cairo's
/// FreeType backend opens and closes `FT_Face`s on one process-wide `FT_Library` (it keeps only a few
/// faces open), and FreeType requires `FT_New_Face`/`FT_Done_Face` on one library to be serialized.
/// `ParallelRenderingTests` crashed inside libfreetype even with a separate Pango font map per thread,
/// and inside Cairo with Pango's per-thread default maps (freed when their thread exits). So text
/// layout, drawing and PDF font subsetting run under this lock, with a font map that lives as long as
/// the process (its fonts stay loaded and shaped between certificates); PNG encoding, the costly part
/// of a preview, touches no fonts and runs outside it, as does everything after drawing (qpdf, signing).
enum SharedFontMap {
    /// The font map; only touched while the lock is held.
    private final class FontMap: @unchecked Sendable {
        // @unchecked: reachable only through `drawing`'s lock.
        let pointer: UnsafeMutablePointer<PangoFontMap>

        init() { pointer = pango_cairo_font_map_new()! }
    }

    private static let drawing = Mutex(FontMap())

    /// Runs `body` holding the drawing lock, with the font map to draw text with.
    static func withExclusiveAccess<Value>(
        _ body: (UnsafeMutablePointer<PangoFontMap>) throws(RenderingError) -> Value
    ) throws(RenderingError) -> Value {
        let result: Result<Value, RenderingError> = drawing.withLock { map in
            do throws(RenderingError) {
                return .success(try body(map.pointer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
