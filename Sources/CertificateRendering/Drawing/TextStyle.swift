/// How one piece of text is set: font, size range, colour and what to do when it is too long.
struct TextStyle {
    enum Weight { case regular, semibold, bold }
    enum Alignment { case left, center, right }
    /// What happens when the text does not fit at the minimum size in the allowed lines.
    enum Overflow {
        /// Refuse: used for what the certificate is about (name, achievement), which must never be cut.
        case fail
        /// Cut with "…": used for secondary text that the verification page shows in full.
        case ellipsize
    }

    var family: String
    var weight: Weight = .regular
    var italic = false
    var size: Double
    /// The smallest size the text may shrink to before it wraps; equal to `size` for fixed text.
    var minimumSize: Double
    var maximumLines = 1
    var color: RGBColor
    /// Extra space between letters in points, for spaced capitals in headings (never on user text: it breaks joined scripts).
    var letterSpacing: Double = 0
    var alignment: Alignment = .center
    var overflow: Overflow = .fail

    init(
        family: String, size: Double, minimumSize: Double? = nil, color: RGBColor,
        weight: Weight = .regular, italic: Bool = false, maximumLines: Int = 1,
        letterSpacing: Double = 0, alignment: Alignment = .center, overflow: Overflow = .fail
    ) {
        self.family = family
        self.size = size
        self.minimumSize = minimumSize ?? size
        self.color = color
        self.weight = weight
        self.italic = italic
        self.maximumLines = maximumLines
        self.letterSpacing = letterSpacing
        self.alignment = alignment
        self.overflow = overflow
    }
}

/// A rectangle in page coordinates with the origin at the top left (Cairo's user space).
struct Frame: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }

    func contains(_ other: Frame, tolerance: Double = 0.01) -> Bool {
        other.x >= x - tolerance && other.y >= y - tolerance && other.maxX <= maxX + tolerance
            && other.maxY <= maxY + tolerance
    }
}

/// A text as it was drawn, kept so tests can check that nothing left the page.
struct DrawnText: Equatable {
    var field: String
    var text: String
    /// The glyphs' ink extents on the page.
    var inkFrame: Frame
    var fontSize: Double
    var lineCount: Int
}
