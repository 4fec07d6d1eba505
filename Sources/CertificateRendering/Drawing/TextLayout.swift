internal import CCairo

/// A Pango layout of one text, shaped for every script (bidi, joining, clusters) by Pango and HarfBuzz.
final class TextLayout {
    let pointer: OpaquePointer
    let text: String
    private(set) var fontSize: Double = 0

    init(context: OpaquePointer, text: String) {
        pointer = pango_layout_new(context)
        self.text = text
        pango_layout_set_text(pointer, text, -1)
        pango_layout_set_wrap(pointer, PANGO_WRAP_WORD_CHAR)
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(pointer)) }

    /// Sets font, size and colour-independent attributes; the layout re-shapes on the next measurement.
    func apply(_ style: TextStyle, size: Double, width: Double) {
        fontSize = size
        let font = pango_font_description_new()
        defer { pango_font_description_free(font) }
        pango_font_description_set_family(font, style.family)
        pango_font_description_set_absolute_size(font, size * Double(PANGO_SCALE))
        switch style.weight {
        case .regular: pango_font_description_set_weight(font, PANGO_WEIGHT_NORMAL)
        case .semibold: pango_font_description_set_weight(font, PANGO_WEIGHT_SEMIBOLD)
        case .bold: pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD)
        }
        pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_layout_set_font_description(pointer, font)
        pango_layout_set_width(pointer, Int32(width * Double(PANGO_SCALE)))
        switch style.alignment {
        case .left: pango_layout_set_alignment(pointer, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(pointer, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(pointer, PANGO_ALIGN_RIGHT)
        }
        if style.letterSpacing > 0 {
            let attributes = pango_attr_list_new()
            defer { pango_attr_list_unref(attributes) }
            pango_attr_list_insert(
                attributes, pango_attr_letter_spacing_new(Int32(style.letterSpacing * Double(PANGO_SCALE))))
            pango_layout_set_attributes(pointer, attributes)
        }
        pango_layout_set_ellipsize(pointer, PANGO_ELLIPSIZE_NONE)
        pango_layout_set_height(pointer, -1)
    }

    /// Cuts the text with "…" after `lines` lines.
    func ellipsize(afterLines lines: Int) {
        pango_layout_set_ellipsize(pointer, PANGO_ELLIPSIZE_END)
        pango_layout_set_height(pointer, Int32(-lines))
    }

    /// Characters the chosen fonts (after fontconfig fallback) have no glyph for; they would print as boxes.
    var unknownGlyphCount: Int { Int(pango_layout_get_unknown_glyphs_count(pointer)) }

    var lineCount: Int { Int(pango_layout_get_line_count(pointer)) }

    /// The logical extents (advance and line height) relative to the layout origin.
    var logicalFrame: Frame { extents().logical }

    /// The glyphs' ink extents relative to the layout origin.
    var inkFrame: Frame { extents().ink }

    private func extents() -> (ink: Frame, logical: Frame) {
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_extents(pointer, &ink, &logical)
        let scale = Double(PANGO_SCALE)
        func frame(_ rectangle: PangoRectangle) -> Frame {
            Frame(
                x: Double(rectangle.x) / scale, y: Double(rectangle.y) / scale,
                width: Double(rectangle.width) / scale, height: Double(rectangle.height) / scale)
        }
        return (frame(ink), frame(logical))
    }
}
