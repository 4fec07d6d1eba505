/// The colours one certificate uses, derived from the branding.
struct Palette {
    let primary: RGBColor
    let accent: RGBColor
    /// Body text: near-black, softer than pure black in print.
    let ink = RGBColor(red: 0.11, green: 0.12, blue: 0.14)
    /// Labels and secondary text.
    let muted = RGBColor(red: 0.36, green: 0.39, blue: 0.44)
    let white = RGBColor(red: 1, green: 1, blue: 1)

    init(branding: Branding) throws(RenderingError) {
        primary = try RGBColor(hex: branding.primaryColor)
        accent = try RGBColor(hex: branding.accentColor)
    }

    /// A faint tint of the primary colour for table stripes.
    var stripe: RGBColor { primary.lightened(by: 0.94) }
}
