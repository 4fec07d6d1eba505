internal import CCairo

/// A Cairo drawing context with its Pango context, in page points with the origin at the top left.
///
/// The same canvas type draws the PDF and the PNG, so both show exactly the same certificate.
final class Canvas {
    let context: OpaquePointer
    private let pangoContext: OpaquePointer
    let pageWidth: Double
    let pageHeight: Double
    /// Every text drawn so far, for the tests that check nothing leaves the page.
    private(set) var drawnTexts: [DrawnText] = []

    /// Creates a canvas on `surface` whose text uses `fontMap` (`SharedFontMap`'s, used under its lock
    /// only); `scale` maps page points to surface units (1 for PDF, pixels per point for PNG).
    init(surface: OpaquePointer, fontMap: UnsafeMutablePointer<PangoFontMap>, pageWidth: Double, pageHeight: Double, scale: Double) {
        context = cairo_create(surface)
        self.pageWidth = pageWidth
        self.pageHeight = pageHeight
        cairo_scale(context, scale, scale)
        // What pango_cairo_create_context does, but with this drawing's own font map instead of the thread's default.
        pangoContext = pango_font_map_create_context(fontMap)
        pango_cairo_update_context(context, pangoContext)
        // Unhinted metrics and unrounded positions make the layout independent of the output resolution.
        let options = cairo_font_options_create()
        defer { cairo_font_options_destroy(options) }
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(pangoContext, options)
        pango_context_set_round_glyph_positions(pangoContext, 0)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(pangoContext))
        cairo_destroy(context)
    }

    /// Cairo's status as an error carrying Cairo's own message.
    func checkStatus() throws(RenderingError) {
        let status = cairo_status(context)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderingError(.drawingFailed, "cairo: \(String(cString: cairo_status_to_string(status)))")
        }
    }

    // MARK: Text

    /// Lays `text` out within `width` × `maximumHeight`: first shrinking towards the minimum size on one line,
    /// then wrapping onto up to `style.maximumLines` lines, largest size first.
    func fit(
        _ text: String, style: TextStyle, width: Double, maximumHeight: Double = .infinity,
        field: String
    ) throws(RenderingError) -> TextLayout {
        let layout = TextLayout(context: pangoContext, text: text)
        layout.apply(style, size: style.size, width: width)
        if layout.unknownGlyphCount > 0 {
            throw RenderingError(
                .unsupportedCharacters,
                "the \(field) \"\(text)\" has \(layout.unknownGlyphCount) character(s) no installed font can draw")
        }
        let step = max(0.5, (style.size - style.minimumSize) / 16)
        for lines in Set([1, style.maximumLines]).sorted() {
            var size = style.size
            while size >= style.minimumSize - 0.001 {
                layout.apply(style, size: size, width: width)
                if layout.lineCount <= lines, layout.logicalFrame.height <= maximumHeight {
                    return layout
                }
                size -= step
            }
        }
        if style.overflow == .ellipsize {
            layout.apply(style, size: style.minimumSize, width: width)
            layout.ellipsize(afterLines: style.maximumLines)
            if layout.logicalFrame.height <= maximumHeight { return layout }
        }
        throw RenderingError(
            .textTooLong,
            "the \(field) is too long to fit in \(style.maximumLines) line(s) even at \(style.minimumSize) pt")
    }

    /// Draws a fitted layout with its top-left corner at (x, y) and records where its ink went.
    func draw(_ layout: TextLayout, color: RGBColor, x: Double, y: Double, field: String) {
        setColor(color)
        cairo_move_to(context, x, y)
        pango_cairo_update_layout(context, layout.pointer)
        pango_cairo_show_layout(context, layout.pointer)
        let ink = layout.inkFrame
        drawnTexts.append(
            DrawnText(
                field: field, text: layout.text,
                inkFrame: Frame(x: x + ink.x, y: y + ink.y, width: ink.width, height: ink.height),
                fontSize: layout.fontSize, lineCount: layout.lineCount))
    }

    /// Fits and draws in one step; returns the height the text took.
    @discardableResult
    func text(
        _ text: String, style: TextStyle, x: Double, y: Double, width: Double,
        maximumHeight: Double = .infinity, field: String
    ) throws(RenderingError) -> Double {
        let layout = try fit(text, style: style, width: width, maximumHeight: maximumHeight, field: field)
        draw(layout, color: style.color, x: x, y: y, field: field)
        return layout.logicalFrame.height
    }

    // MARK: Shapes

    func setColor(_ color: RGBColor) {
        cairo_set_source_rgb(context, color.red, color.green, color.blue)
    }

    func fillRectangle(_ frame: Frame, color: RGBColor) {
        setColor(color)
        cairo_rectangle(context, frame.x, frame.y, frame.width, frame.height)
        cairo_fill(context)
    }

    func strokeRectangle(_ frame: Frame, color: RGBColor, lineWidth: Double) {
        setColor(color)
        cairo_set_line_width(context, lineWidth)
        cairo_rectangle(context, frame.x, frame.y, frame.width, frame.height)
        cairo_stroke(context)
    }

    func line(from start: (Double, Double), to end: (Double, Double), color: RGBColor, lineWidth: Double) {
        setColor(color)
        cairo_set_line_width(context, lineWidth)
        cairo_move_to(context, start.0, start.1)
        cairo_line_to(context, end.0, end.1)
        cairo_stroke(context)
    }

    /// A small square turned 45°, the ornament on rules and frame corners.
    func diamond(centerX: Double, centerY: Double, radius: Double, color: RGBColor) {
        setColor(color)
        cairo_move_to(context, centerX, centerY - radius)
        cairo_line_to(context, centerX + radius, centerY)
        cairo_line_to(context, centerX, centerY + radius)
        cairo_line_to(context, centerX - radius, centerY)
        cairo_close_path(context)
        cairo_fill(context)
    }

    /// Draws an image scaled to fit `frame`, keeping its aspect ratio, centred horizontally per `alignment`.
    func image(_ image: RasterImage, fitting frame: Frame, alignment: TextStyle.Alignment) {
        let scale = min(frame.width / Double(image.width), frame.height / Double(image.height))
        let drawnWidth = Double(image.width) * scale
        let drawnHeight = Double(image.height) * scale
        let x: Double
        switch alignment {
        case .left: x = frame.x
        case .center: x = frame.x + (frame.width - drawnWidth) / 2
        case .right: x = frame.maxX - drawnWidth
        }
        let y = frame.y + (frame.height - drawnHeight) / 2
        cairo_save(context)
        cairo_translate(context, x, y)
        cairo_scale(context, scale, scale)
        cairo_set_source_surface(context, image.surface, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(context), CAIRO_FILTER_GOOD)
        cairo_paint(context)
        cairo_restore(context)
    }
}

extension Canvas {
    /// Adds a rectangle to the current path without filling it, so many squares fill in one operation.
    func addRectangle(_ frame: Frame) {
        cairo_rectangle(context, frame.x, frame.y, frame.width, frame.height)
    }

    func fillPath(color: RGBColor) {
        setColor(color)
        cairo_fill(context)
    }
}

extension Canvas {
    /// Paints a recording surface recorded in page points at the origin, and records its texts as drawn here.
    func replay(recording: OpaquePointer, drawnTexts recorded: [DrawnText]) {
        cairo_save(context)
        cairo_set_source_surface(context, recording, 0, 0)
        cairo_paint(context)
        cairo_restore(context)
        drawnTexts.append(contentsOf: recorded)
    }
}
