/// One cell of a table copied from one store to another (`attest db copy`), in SQLite's five
/// storage classes; the receiving store converts it to its column's type or refuses it.
public enum StoreValue: Sendable, Equatable {
    /// SQL `NULL`.
    case null
    /// A whole number (booleans are 0 and 1).
    case integer(Int64)
    /// A floating-point number.
    case real(Double)
    /// Text (instants, JSON and identifiers included).
    case text(String)
    /// Bytes (documents, status list bits, secrets).
    case bytes([UInt8])
}

/// A table of the receiving store: its name, its columns, and the columns its rows are sorted by
/// when read (its primary key), so rows arrive in an order its rules accept (the audit chain
/// one sequence number after another).
public struct StoreTableShape: Sendable, Equatable {
    /// The table's name, spelt as the sending store spells it.
    public let name: String
    /// Every column the receiving store fills from the copy.
    public let columns: [String]
    /// The primary key's columns, to read the rows in that order.
    public let orderedBy: [String]

    /// A table shape.
    public init(name: String, columns: [String], orderedBy: [String]) {
        self.name = name
        self.columns = columns
        self.orderedBy = orderedBy
    }
}

/// The receiving side of a table-by-table copy between stores: it names its tables in an order
/// that satisfies its foreign keys, and takes rows in pages, all inside one transaction of its
/// own, so a copy that fails leaves nothing behind.
public protocol StoreTableImporter {
    /// The tables to fill, each after the tables it refers to.
    var tables: [StoreTableShape] { get }
    /// Inserts `rows` (each in `columns`' order) into `table`.
    /// - Throws: ``IssuerError`` when the store refuses a value or a row.
    func insert(into table: String, columns: [String], rows: [[StoreValue]]) throws
}
