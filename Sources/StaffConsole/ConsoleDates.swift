import Foundation

/// Dates as the Dashboard and Credentials pages write them: "4 December 2026, 14:05 UTC" in
/// pages (CONSOLE.md), "3 Dec" under a chart's bars, `YYYY-MM-DD` in date fields.
enum ConsoleDates {
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// "4 December 2026, 14:05 UTC".
    static func dateTime(_ date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return "\(parts.day!) \(months[parts.month! - 1]) \(parts.year!), " + String(format: "%02d:%02d", parts.hour!, parts.minute!)
            + " UTC"
    }

    /// "3 Dec" for the day `2026-12-03`; the text itself when it is not a day.
    static func shortDay(_ day: String) -> String {
        let parts = day.split(separator: "-")
        guard parts.count == 3, let month = Int(parts[1]), let dayNumber = Int(parts[2]), (1...12).contains(month) else { return day }
        return "\(dayNumber) \(months[month - 1].prefix(3))"
    }

    /// The start (00:00 UTC) of the day `YYYY-MM-DD`, as a date field sends it; `nil` otherwise.
    static func startOfDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = utc.date(from: components), utc.component(.day, from: date) == day else { return nil }
        return date
    }
}
