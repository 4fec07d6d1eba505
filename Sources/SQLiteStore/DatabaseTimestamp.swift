import Foundation
import IssuerCore
import VerifiableCredentials

/// How the store writes instants: ISO 8601 UTC text with nine fractional digits,
/// `2026-11-23T09:47:51.123456789Z`.
///
/// Text keeps the database readable with the `sqlite3` shell; the fixed width makes text order
/// the same as time order, so `ORDER BY` on a date column sorts by time; and nine digits are finer
/// than a `Date` is (about 0.1 µs today), so every `Date` reads back identical, which matters
/// because a pending credential is signed with the `issuedAt` it was stored with.
enum DatabaseTimestamp {
    /// The text for `date` (``DateTimeStamp/formatNanoseconds(_:)``).
    static func text(from date: Date) -> String { DateTimeStamp.formatNanoseconds(date) }

    /// The instant `text` names, or `nil` when it is not in the store's form.
    static func date(from text: String) -> Date? { DateTimeStamp.parseNanoseconds(text) }

    /// The instant `text` names, or a `storeUnavailable` error naming `what` holds it.
    static func date(reading text: String, of what: String) throws -> Date {
        guard let date = date(from: text) else { throw IssuerError(.storeUnavailable, "\(what) has a date the store cannot read: \(text)") }
        return date
    }

    /// A JSON encoder for the JSON columns (programs, events): sorted keys so equal values give
    /// equal text, and dates in the same text form as the date columns.
    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(text(from: date))
        }
        encoder.nonConformingFloatEncodingStrategy = .throw
        return encoder
    }

    /// The decoder matching ``jsonEncoder()``.
    static func jsonDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = date(from: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a stored timestamp: \(text)")
            }
            return date
        }
        return decoder
    }
}
