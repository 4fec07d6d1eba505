/// How one program's certificates look: colours, logo, signature and fonts.
public struct Branding: Sendable, Hashable {
    /// The main colour (frame, heading), `#RRGGBB`.
    public var primaryColor: String
    /// The second colour (inner rule, ornaments), `#RRGGBB`.
    public var accentColor: String
    /// The organisation name printed at the top; the content's issuer name when nil.
    public var organisationName: String?
    /// The logo as PNG or SVG bytes, drawn at the top left, scaled to fit.
    public var logoImage: [UInt8]?
    /// A signature as PNG or SVG bytes (transparent background works best), drawn above the signatory line.
    public var signatureImage: [UInt8]?
    /// The font family for headings and the learner's name; fontconfig falls back per script.
    public var headingFontFamily: String
    /// The font family for body text.
    public var bodyFontFamily: String

    /// Creates a branding; the defaults are a navy and gold design with Noto fonts.
    public init(
        primaryColor: String = "#1F3A5F", accentColor: String = "#B08D57",
        organisationName: String? = nil, logoImage: [UInt8]? = nil, signatureImage: [UInt8]? = nil,
        headingFontFamily: String = "Noto Serif", bodyFontFamily: String = "Noto Sans"
    ) {
        self.primaryColor = primaryColor
        self.accentColor = accentColor
        self.organisationName = organisationName
        self.logoImage = logoImage
        self.signatureImage = signatureImage
        self.headingFontFamily = headingFontFamily
        self.bodyFontFamily = bodyFontFamily
    }

    /// The default look.
    public static let standard = Branding()
}

/// A colour with components in 0...1, parsed from `#RRGGBB`.
struct RGBColor: Equatable {
    var red: Double
    var green: Double
    var blue: Double

    init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    init(hex: String) throws(RenderingError) {
        let digits = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else {
            throw RenderingError(.invalidColor, "colour \"\(hex)\" is not #RRGGBB")
        }
        red = Double((value >> 16) & 0xFF) / 255
        green = Double((value >> 8) & 0xFF) / 255
        blue = Double(value & 0xFF) / 255
    }

    /// This colour mixed with white; `amount` 0 keeps it, 1 gives white. Used for tints of the brand colours.
    func lightened(by amount: Double) -> RGBColor {
        RGBColor(
            red: red + (1 - red) * amount, green: green + (1 - green) * amount,
            blue: blue + (1 - blue) * amount)
    }
}
