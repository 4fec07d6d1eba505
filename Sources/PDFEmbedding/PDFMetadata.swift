import Foundation

/// The document information a certificate PDF carries, as PDF readers show it in "Properties".
public struct PDFMetadata: Sendable, Equatable {
    /// The document title, e.g. "Certificate of Completion: Food Hygiene, Level 2".
    public var title: String
    /// The issuer, shown as the author.
    public var author: String
    /// The learner and achievement, shown as the subject.
    public var subject: String
    /// Search keywords.
    public var keywords: [String]
    /// The program that made the PDF.
    public var creator: String
    /// The document's creation and modification date, and the embedded file's modification date.
    /// A parameter, not the clock, so the same inputs give the same bytes.
    public var date: Date

    /// Creates document metadata.
    public init(
        title: String, author: String, subject: String, keywords: [String] = [], creator: String = "Attest",
        date: Date
    ) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.creator = creator
        self.date = date
    }
}

/// A clickable area on the first page that opens a URL.
public struct PDFLink: Sendable, Equatable {
    /// The URL the link opens (the verification page).
    public var url: String
    /// The clickable area in PDF points, from the page's bottom-left corner.
    public var left: Double
    /// Distance of the area's bottom edge from the page's bottom edge.
    public var bottom: Double
    /// Width of the area.
    public var width: Double
    /// Height of the area.
    public var height: Double

    /// Creates a link over the given area.
    public init(url: String, left: Double, bottom: Double, width: Double, height: Double) {
        self.url = url
        self.left = left
        self.bottom = bottom
        self.width = width
        self.height = height
    }
}

/// The two date syntaxes a certificate PDF carries, both from one UTC reading of the date. (The
/// credential's own timestamps come from `VerifiableCredentials.DateTimeStamp`; this target sits on
/// the same layer and cannot import it, and these are the PDF's syntaxes, not the credential's.)
enum PDFDate {
    /// `D:YYYYMMDDHHmmSSZ`, the form of `/CreationDate`, `/ModDate` and the embedded file's `/ModDate`.
    static func format(_ date: Date) -> String {
        let (year, month, day, hour, minute, second) = fields(date)
        return "D:\(year)\(month)\(day)\(hour)\(minute)\(second)Z"
    }

    /// `2026-11-23T09:30:00Z`, the form of the XMP packet's dates.
    static func xmp(_ date: Date) -> String {
        let (year, month, day, hour, minute, second) = fields(date)
        return "\(year)-\(month)-\(day)T\(hour):\(minute):\(second)Z"
    }

    private static func fields(_ date: Date) -> (String, String, String, String, String, String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return (
            String(format: "%04d", parts.year ?? 0), two(parts.month), two(parts.day), two(parts.hour), two(parts.minute), two(parts.second)
        )
    }
}
