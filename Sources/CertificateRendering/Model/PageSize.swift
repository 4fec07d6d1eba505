/// The paper a certificate is laid out for; both are landscape.
public enum PageSize: String, Sendable, CaseIterable {
    /// ISO A4, 297 × 210 mm.
    case a4Landscape
    /// US Letter, 11 × 8.5 in.
    case usLetterLandscape

    /// Width in PDF points (1/72 in).
    public var widthInPoints: Double {
        switch self {
        case .a4Landscape: 841.89
        case .usLetterLandscape: 792
        }
    }

    /// Height in PDF points (1/72 in).
    public var heightInPoints: Double {
        switch self {
        case .a4Landscape: 595.28
        case .usLetterLandscape: 612
        }
    }
}

/// A rectangle on the page in PDF points, measured from the bottom-left corner as PDF does.
public struct PageArea: Sendable, Equatable {
    /// Distance of the left edge from the page's left edge.
    public var left: Double
    /// Distance of the bottom edge from the page's bottom edge.
    public var bottom: Double
    /// Width of the area.
    public var width: Double
    /// Height of the area.
    public var height: Double

    /// Creates an area from its bottom-left corner and size.
    public init(left: Double, bottom: Double, width: Double, height: Double) {
        self.left = left
        self.bottom = bottom
        self.width = width
        self.height = height
    }
}
