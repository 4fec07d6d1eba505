import Foundation

/// An ISO 8601 duration (`P3Y`, `P18M`, `P2W`, `PT30S`, `P1Y2M3DT4H5M6S`; each part at most once, in
/// that order, at most nine digits, as `Spec/schemas/program.schema.json` says): calendar parts are added
/// on the UTC calendar, so `P1M` after 31 January is the last day of February.
public struct ISODuration: Sendable, Hashable, CustomStringConvertible {
    public var years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0

    /// The text it was read from, or an equivalent one.
    public let description: String

    /// Parses a duration; `nil` when the text is not one (or is empty, like `P` or `PT`).
    public init?(_ text: String) {
        description = text
        var rest = Substring(text)
        guard rest.first == "P" else { return nil }
        rest.removeFirst()
        var inTime = false
        var number = ""
        var sawPart = false
        var lastPart = -1  // the parts must come once each, in the order Y M W D T H M S (ISO 8601)
        for character in rest {
            switch character {
            case "T":
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
            case "0"..."9":
                number.append(character)
            default:
                guard let value = Int(number), number.count <= 9 else { return nil }
                number = ""
                sawPart = true
                let part: Int
                switch (inTime, character) {
                case (false, "Y"): (years, part) = (value, 0)
                case (false, "M"): (months, part) = (value, 1)
                case (false, "W"): (weeks, part) = (value, 2)
                case (false, "D"): (days, part) = (value, 3)
                case (true, "H"): (hours, part) = (value, 4)
                case (true, "M"): (minutes, part) = (value, 5)
                case (true, "S"): (seconds, part) = (value, 6)
                default: return nil
                }
                guard part > lastPart else { return nil }
                lastPart = part
            }
        }
        guard number.isEmpty, sawPart, !(inTime && text.hasSuffix("T")) else { return nil }
    }

    /// The moment this duration after `date`.
    public func added(to date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(
            year: years, month: months, day: days + weeks * 7, hour: hours, minute: minutes, second: seconds)
        return calendar.date(byAdding: components, to: date)!
    }
}

/// A duration in a program file is its ISO 8601 text (`"P3Y"`); text that is not one is refused
/// with the member path, never read as "no expiry".
extension ISODuration: Codable {
    /// Decodes the text, refusing what is not an ISO 8601 duration.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let duration = ISODuration(text) else {
            throw IssuerError(
                .invalidProgram,
                "\(ProgramDefinition.path(decoder.codingPath)) \"\(text)\" is not an ISO 8601 duration such as P3Y or PT30S")
        }
        self = duration
    }

    /// Encodes the text it was read from.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
