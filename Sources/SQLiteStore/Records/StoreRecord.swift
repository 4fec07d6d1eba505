import Foundation
import GRDB

/// What every row type of the store shares: Codable columns, dates as ``DatabaseTimestamp`` text,
/// nested values (programs, events, reasons) as sorted-key JSON text with the same date form.
protocol StoreRecord: Codable, FetchableRecord, PersistableRecord {}

extension StoreRecord {
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .custom { DatabaseTimestamp.text(from: $0) }
    }

    static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .custom { value in String.fromDatabaseValue(value).flatMap(DatabaseTimestamp.date(from:)) }
    }

    static func databaseJSONEncoder(for column: String) -> JSONEncoder { DatabaseTimestamp.jsonEncoder() }

    static func databaseJSONDecoder(for column: String) -> JSONDecoder { DatabaseTimestamp.jsonDecoder() }
}
