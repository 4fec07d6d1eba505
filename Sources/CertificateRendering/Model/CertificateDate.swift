import Foundation

/// Formats dates the same way whatever the machine's locale: "23 November 2026", in UTC.
///
/// Certificates are read across countries; a spelled-out month is unambiguous where 11/03 is not.
enum CertificateDate {
    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]

    static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(parts.day!) \(monthNames[parts.month! - 1]) \(parts.year!)"
    }

    /// ISO 8601 in UTC (`2026-11-23T09:30:00Z`), the form Cairo takes for the PDF creation date.
    static func isoFormat(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(parts.year!)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))Z"
    }
}
