import Foundation
import IssuerCore
import PostgresNIO
import VerifiableCredentials

/// The store's view of one PostgreSQL transaction: a `SERIALIZABLE` write transaction for
/// ``PostgresIssuerStore/write(_:)``, a read-only snapshot for ``PostgresIssuerStore/read(_:)``.
/// It lives only inside the closure the database runs on its own thread, so it never outlives its
/// ``PostgresSession``.
///
/// The store protocols' requirements are implemented in `PostgresTransaction+<Concern>.swift`,
/// one file per concern, mirroring `SQLiteTransaction+<Concern>.swift` with the same semantics,
/// order, paging and errors; this file holds the small typed helpers they share. Text keys sort
/// `COLLATE "C"` (byte order, SQLite's `BINARY`), whatever collation the database was created with.
final class PostgresTransaction: IssuerTransaction {
    let session: PostgresSession
    /// Seals and opens the HMAC secrets of API keys.
    let sealer: SecretSealer

    init(_ session: PostgresSession, sealer: SecretSealer) {
        self.session = session
        self.sealer = sealer
    }

    // MARK: Running statements

    /// The rows `sql` returns with `$1`, `$2`, … bound to `values` (`nil` binds SQL `NULL`).
    func rows(_ sql: String, _ values: [(any PostgresBindable)?] = []) throws -> [PostgresRowReader] {
        try session.execute(sql, values.map { $0?.postgresBind ?? .null }).map(PostgresRowReader.init)
    }

    /// The first row `sql` returns, if any.
    func row(_ sql: String, _ values: [(any PostgresBindable)?] = []) throws -> PostgresRowReader? {
        try rows(sql, values).first
    }

    /// The first column of the first row, `nil` when there is no row or it is `NULL`.
    func value<Value: PostgresDecodable>(_ type: Value.Type, _ sql: String, _ values: [(any PostgresBindable)?] = []) throws -> Value? {
        guard var row = try row(sql, values) else { return nil }
        return try row.optional(Value.self)
    }

    /// Runs `sql` and returns how many rows it changed (from the statement's `RETURNING 1`).
    @discardableResult
    func execute(_ sql: String, _ values: [(any PostgresBindable)?] = []) throws -> Int {
        try session.execute(sql, values.map { $0?.postgresBind ?? .null }).count
    }

    /// Runs `operation` inside a savepoint; when PostgreSQL refuses it on a constraint (SQLSTATE
    /// class `23`), undoes it back to the savepoint (so the transaction stays usable, as SQLite's
    /// does after a refused statement) and throws the rule `explain` names instead, so callers learn
    /// what rule they hit and never see SQL. Any other failure (a serialization conflict, `40001`)
    /// goes up unchanged, and the whole transaction is retried. `refusing` narrows which refusals
    /// are explained (the others go up and fail the transaction, as SQLite's do).
    func refusingConflicts(
        _ operation: () throws -> Void, refusing: (PostgresFailure) -> Bool = \.isConstraintViolation,
        explain: () throws -> IssuerError?
    ) throws {
        try session.execute("SAVEPOINT attest_statement")
        do {
            try operation()
        } catch let failure as PostgresFailure where refusing(failure) {
            try session.rollBack(toSavepoint: "attest_statement")
            throw try explain() ?? IssuerError(.duplicate, "the database refused the change: \(failure.message)")
        }
        try session.execute("RELEASE SAVEPOINT attest_statement")
    }

    // MARK: JSON columns

    /// The encoder of the JSON columns: the same text as SQLite's (sorted keys, dates as
    /// ``DateTimeStamp/formatNanoseconds(_:)``), so a copy between the stores keeps every byte.
    static func jsonText<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(DateTimeStamp.formatNanoseconds(date))
        }
        encoder.nonConformingFloatEncodingStrategy = .throw
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The value a JSON column holds, decoded with the same date form.
    static func decodeJSON<Value: Decodable>(_ type: Value.Type, from text: String, of owner: String) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = DateTimeStamp.parseNanoseconds(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a stored timestamp: \(text)")
            }
            return date
        }
        do {
            return try decoder.decode(Value.self, from: Data(text.utf8))
        } catch {
            throw IssuerError(.storeUnavailable, "\(owner) holds JSON this version of Attest cannot read")
        }
    }

    /// A closed-set name read back, refused by name when this version does not know it.
    static func named<Value: RawRepresentable>(_ name: String, as type: Value.Type, of owner: String, column: String) throws -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: name) else {
            throw IssuerError(.storeUnavailable, "\(owner) has an unknown \(column) \"\(name)\"")
        }
        return value
    }
}

/// A value bound to a statement parameter. Instants are bound as the store's fixed-width text
/// (``DateTimeStamp/formatNanoseconds(_:)``, held to that form by the `attest_timestamp` domain), so
/// every `Date` reads back identical and text order is time order, as in the SQLite store.
protocol PostgresBindable {
    /// The value as postgres-nio binds it.
    var postgresBind: PostgresData { get }
}

extension String: PostgresBindable {
    var postgresBind: PostgresData { PostgresData(string: self) }
}

extension Int: PostgresBindable {
    var postgresBind: PostgresData { PostgresData(int64: Int64(self)) }
}

extension Int64: PostgresBindable {
    var postgresBind: PostgresData { PostgresData(int64: self) }
}

extension Bool: PostgresBindable {
    var postgresBind: PostgresData { PostgresData(bool: self) }
}

extension Data: PostgresBindable {
    var postgresBind: PostgresData { PostgresData(bytes: self) }
}

extension Array: PostgresBindable where Element == UInt8 {
    var postgresBind: PostgresData { PostgresData(bytes: self) }
}

extension Date: PostgresBindable {
    var postgresBind: PostgresData { PostgresData(string: DateTimeStamp.formatNanoseconds(self)) }
}

/// One result row read column by column, in the order the `SELECT` names them.
struct PostgresRowReader {
    private let cells: [PostgresCell]
    private var next = 0

    init(_ row: PostgresRow) {
        cells = Array(row)
    }

    /// The next column, which must not be `NULL`.
    mutating func callAsFunction<Value: PostgresDecodable>(_ type: Value.Type = Value.self) throws -> Value {
        guard let value = try optional(Value.self) else {
            throw IssuerError(.storeUnavailable, "the database returned NULL in column \(cells[next - 1].columnName)")
        }
        return value
    }

    /// The next column, `nil` when it is `NULL`.
    mutating func optional<Value: PostgresDecodable>(_ type: Value.Type = Value.self) throws -> Value? {
        guard next < cells.count else { throw IssuerError(.storeUnavailable, "the database returned fewer columns than asked for") }
        let cell = cells[next]
        next += 1
        guard cell.bytes != nil else { return nil }
        do {
            return try cell.decode(Value.self)
        } catch {
            throw IssuerError(.storeUnavailable, "the database returned an unexpected value in column \(cell.columnName)")
        }
    }

    /// The next column, an instant in the store's text form.
    mutating func date() throws -> Date {
        let text = try self(String.self)
        guard let date = DateTimeStamp.parseNanoseconds(text) else {
            throw IssuerError(.storeUnavailable, "the database holds a date the store cannot read: \(text)")
        }
        return date
    }

    /// The next column, an instant in the store's text form, or `nil`.
    mutating func optionalDate() throws -> Date? {
        guard let text = try optional(String.self) else { return nil }
        guard let date = DateTimeStamp.parseNanoseconds(text) else {
            throw IssuerError(.storeUnavailable, "the database holds a date the store cannot read: \(text)")
        }
        return date
    }

    /// The next column as an `Int` (PostgreSQL's `bigint`).
    mutating func int() throws -> Int { Int(try self(Int64.self)) }
}
