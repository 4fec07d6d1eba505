import Foundation

/// XML Schema 1.1 `dateTimeStamp` values, the form VC 2.0 requires for `validFrom`, `validUntil`
/// and a proof's `created`: `2026-01-15T08:30:00Z`, `2023-02-25T19:10:39-06:00`,
/// `2023-02-26T01:02:58.447Z`.
///
/// Parsed by hand rather than with `ISO8601DateFormatter`, which accepts forms XML Schema forbids
/// (no seconds, week dates, a missing offset under some options) and rejects ones it allows
/// (years above 9999, `24:00:00`, any number of fractional digits).
public enum DateTimeStamp {
    /// The instant `text` names, or `nil` when it is not a dateTimeStamp.
    ///
    /// A time zone (`Z` or `±hh:mm`, at most ±14:00) is required; fractional seconds may have any
    /// number of digits; the day must exist in that month (29 February only in leap years);
    /// `24:00:00` means the start of the next day. Years may have more than four digits but not more
    /// than nine, beyond which a `Date` could not hold the instant to the second anyway.
    public static func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(Array(text.utf8))
        let negativeYear = scanner.take(UInt8(ascii: "-"))
        guard let yearDigits = scanner.digits(), (4...9).contains(yearDigits.count),
            yearDigits.count == 4 || yearDigits.first != UInt8(ascii: "0"),
            scanner.take(UInt8(ascii: "-")), let month = scanner.number(digits: 2),
            scanner.take(UInt8(ascii: "-")), let day = scanner.number(digits: 2),
            scanner.take(UInt8(ascii: "T")), let hour = scanner.number(digits: 2),
            scanner.take(UInt8(ascii: ":")), let minute = scanner.number(digits: 2),
            scanner.take(UInt8(ascii: ":")), let second = scanner.number(digits: 2)
        else { return nil }
        let year = (negativeYear ? -1 : 1) * DigitScanner.value(of: yearDigits)
        guard !(negativeYear && year == 0) else { return nil }  // "-0000" is not a year in XML Schema 1.1

        var fraction = 0.0
        if scanner.take(UInt8(ascii: ".")) {
            guard let fractionDigits = scanner.digits() else { return nil }
            fraction = Double("0." + String(decoding: fractionDigits, as: UTF8.self)) ?? 0
        }
        guard let offsetSeconds = scanner.timeZoneOffset(), scanner.isAtEnd else { return nil }

        guard (1...12).contains(month), (1...daysInMonth(month, of: year)).contains(day) else { return nil }
        let isEndOfDay = hour == 24 && minute == 0 && second == 0 && fraction == 0
        guard isEndOfDay || (hour < 24 && minute < 60 && second < 60) else { return nil }

        let days = daysSinceUnixEpoch(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// `date` in UTC with a `Z` and whole seconds (fractions are cut, not rounded):
    /// `2026-01-15T08:30:00Z`, the form Attest writes into every credential.
    ///
    /// Dates beyond the nine-digit years `parse` accepts (such as `.distantFuture` scaled up, or an
    /// infinite interval) are clamped to that range instead of trapping.
    public static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        // The first second of year -999999999 and the last second of year 999999999 a Double holds exactly.
        let (earliest, latest) = (-31_557_014_135_596_800.0, 31_556_889_832_780_796.0)
        let totalSeconds = interval.isNaN ? 0 : Int(min(max(interval, earliest), latest).rounded(.down))
        let (days, secondOfDay) = floorDivision(totalSeconds, 86_400)
        let (year, month, day) = civilDate(daysSinceUnixEpoch: days)
        let yearText = year < 0 ? "-" + pad(-year, 4) : pad(year, 4)
        return "\(yearText)-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3_600, 2)):"
            + "\(pad(secondOfDay % 3_600 / 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    /// Seconds from 1970-01-01 to 2001-01-01, the reference date `Date` counts from.
    private static let referenceOffset = 978_307_200

    /// `date` in UTC with exactly nine fractional digits, `2026-11-23T09:47:51.123456789Z`: the
    /// form the store writes. Fixed width, so text order is time order; finer than a `Date` is, so
    /// ``parseNanoseconds(_:)`` gives back the identical `Date` (a pending credential is signed with
    /// the `issuedAt` it was stored with) — for every date more than 2^24 s (about 194 days) from
    /// 2001-01-01, where a `Date`'s Double is coarser than a nanosecond.
    public static func formatNanoseconds(_ date: Date) -> String {
        // Work from `timeIntervalSinceReferenceDate`, the Double a Date holds, so nothing is rounded
        // on the way; the whole seconds and the fraction split exactly.
        let sinceReference = date.timeIntervalSinceReferenceDate
        let wholeSeconds = sinceReference.rounded(.down)
        var seconds = Int(wholeSeconds) + referenceOffset
        var nanoseconds = Int(((sinceReference - wholeSeconds) * 1e9).rounded())
        if nanoseconds == 1_000_000_000 {
            seconds += 1
            nanoseconds = 0
        }
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let (year, month, day) = civilDate(daysSinceUnixEpoch: days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3_600, 2)):\(pad(secondOfDay % 3_600 / 60, 2)):"
            + "\(pad(secondOfDay % 60, 2)).\(pad(nanoseconds, 9))Z"
    }

    /// The instant a ``formatNanoseconds(_:)`` text names, or `nil` when `text` is not exactly that form
    /// (`YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`, a day that exists).
    public static func parseNanoseconds(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 30, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."),
            bytes[29] == UInt8(ascii: "Z")
        else { return nil }
        var fields: [Int] = []
        for range in [0..<4, 5..<7, 8..<10, 11..<13, 14..<16, 17..<19, 20..<29] {
            let digits = bytes[range]
            guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
            fields.append(DigitScanner.value(of: Array(digits)))
        }
        let (year, month, day, hour, minute, second, nanoseconds) = (
            fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]
        )
        guard (1...12).contains(month), (1...daysInMonth(month, of: year)).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        let seconds = daysSinceUnixEpoch(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
        return Date(timeIntervalSinceReferenceDate: Double(seconds - referenceOffset) + Double(nanoseconds) / 1e9)
    }

    // MARK: Proleptic Gregorian calendar arithmetic (Howard Hinnant's days-from-civil), year 0 = 1 BCE.

    static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysInMonth(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func daysSinceUnixEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivision(shiftedYear, 400).quotient
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilDate(daysSinceUnixEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = floorDivision(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivision(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let quotient = value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
        return (quotient, value - quotient * divisor)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// Reads ASCII digits and punctuation from the bytes of a timestamp, one field at a time.
private struct DigitScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

    static func value(of digits: [UInt8]) -> Int { digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }

    /// Consumes `byte` if it comes next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// One or more digits, or `nil` (consuming nothing) if none come next.
    mutating func digits() -> [UInt8]? {
        let start = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
        return position > start ? Array(bytes[start..<position]) : nil
    }

    /// Exactly `count` digits as a number.
    mutating func number(digits count: Int) -> Int? {
        guard let found = digits(), found.count == count else { return nil }
        return Self.value(of: found)
    }

    /// `Z` or `±hh:mm` (at most 14:00) as seconds east of UTC; `nil` when absent or malformed.
    mutating func timeZoneOffset() -> Int? {
        if take(UInt8(ascii: "Z")) { return 0 }
        let sign: Int
        if take(UInt8(ascii: "+")) {
            sign = 1
        } else if take(UInt8(ascii: "-")) {
            sign = -1
        } else {
            return nil
        }
        guard let hours = number(digits: 2), take(UInt8(ascii: ":")), let minutes = number(digits: 2),
            minutes < 60, hours < 14 || (hours == 14 && minutes == 0)
        else { return nil }
        return sign * (hours * 3_600 + minutes * 60)
    }
}
