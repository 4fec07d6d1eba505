import Foundation
import IssuerCore
import PostgresNIO

extension PostgresStoreDatabase {
    /// Fills this database, which must hold no issuer data at all, with an issuer from another
    /// store (`attest db copy`): `fill` is handed the importer and sends every table through it.
    /// Everything happens in one transaction: a refused row, a failure of `fill` or a database
    /// that is not empty leaves the database exactly as it was. The schema is brought up to date
    /// first. The learners' search words, which SQLite keeps in its FTS5 index, are derived here.
    /// - Returns: what `fill` returns.
    /// - Throws: ``IssuerCore/IssuerError`` `duplicate` when a table already holds rows;
    ///   `storeUnavailable` when PostgreSQL refuses a row (with its message) or cannot be reached;
    ///   what `fill` throws.
    public func importIssuer<T: Sendable>(_ fill: (any StoreTableImporter) throws -> T) async throws -> T {
        _ = try await migrate()
        return try await write { session in
            let importer = try PostgresTableImporter(session: session)
            for table in importer.tables {
                let rows = try session.execute("SELECT EXISTS (SELECT 1 FROM \(table.name))")[0].decode(Bool.self)
                if rows {
                    throw IssuerError(
                        .duplicate,
                        "the target database is not empty (its table \(table.name) has rows): a copy goes into an empty database only")
                }
            }
            let result = try fill(importer)
            let learners = try session.execute("SELECT \(PostgresTransaction.learnerColumns) FROM learner")
                .map { try PostgresTransaction.learner(PostgresRowReader($0)) }
            for learner in learners {
                try session.execute(
                    "UPDATE learner SET searchWords = $1 WHERE id = $2",
                    [PostgresData(string: PostgresTransaction.searchWords(of: learner)), PostgresData(string: learner.id)])
            }
            return result
        }
    }
}

/// The tables of this schema for a copy: every table but the migration log, each after those its
/// foreign keys name, with each column's type so a copied value is bound as that type.
final class PostgresTableImporter: StoreTableImporter {
    private let session: PostgresSession
    let tables: [StoreTableShape]
    /// Column name (lower case) to its type (`text`, `bigint`, `integer`, `boolean`, `bytea`, `json`), per table.
    private let types: [String: [String: String]]

    /// The most values one `INSERT` binds (PostgreSQL allows 65,535).
    static let maximumBinds = 30_000

    init(session: PostgresSession) throws {
        self.session = session
        let columnRows = try session.execute(
            """
            SELECT c.table_name::text, c.column_name::text, c.data_type::text
            FROM information_schema.columns c JOIN information_schema.tables t
                ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> 'attestmigration'
            ORDER BY c.table_name, c.ordinal_position
            """)
        var columns: [String: [String]] = [:]
        var types: [String: [String: String]] = [:]
        for row in columnRows {
            let (table, column, type) = try row.decode((String, String, String).self)
            columns[table, default: []].append(column)
            types[table, default: [:]][column] = type
        }
        self.types = types
        var keys: [String: [String]] = [:]
        for row in try session.execute(
            """
            SELECT k.table_name::text, k.column_name::text FROM information_schema.table_constraints c
            JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name
            WHERE c.table_schema = current_schema() AND c.constraint_type = 'PRIMARY KEY' ORDER BY k.table_name, k.ordinal_position
            """)
        {
            let (table, column) = try row.decode((String, String).self)
            keys[table, default: []].append(column)
        }
        var references: [String: Set<String>] = [:]
        for row in try session.execute(
            """
            SELECT child.relname::text, parent.relname::text FROM pg_constraint f
            JOIN pg_class child ON child.oid = f.conrelid JOIN pg_class parent ON parent.oid = f.confrelid
            WHERE f.contype = 'f' AND child.relnamespace = current_schema()::regnamespace
            """)
        {
            let (child, parent) = try row.decode((String, String).self)
            if child != parent { references[child, default: []].insert(parent) }
        }
        // Each table after the tables it refers to (names sorted, so the order is the same every time).
        var ordered: [String] = []
        var remaining = columns.keys.sorted()
        while !remaining.isEmpty {
            guard let next = remaining.first(where: { (references[$0] ?? []).allSatisfy(ordered.contains) }) else {
                throw IssuerError(.storeUnavailable, "the target schema's foreign keys form a cycle; cannot order the copy")
            }
            ordered.append(next)
            remaining.removeAll { $0 == next }
        }
        tables = ordered.map { StoreTableShape(name: $0, columns: columns[$0] ?? [], orderedBy: keys[$0] ?? []) }
    }

    func insert(into table: String, columns: [String], rows: [[StoreValue]]) throws {
        guard let types = types[table.lowercased()] else {
            throw IssuerError(.storeUnavailable, "the target database has no table \(table)")
        }
        let columnTypes = try columns.map { column in
            guard let type = types[column.lowercased()] else {
                throw IssuerError(.storeUnavailable, "the target database has no column \(table).\(column)")
            }
            return type
        }
        let rowsPerStatement = max(1, Self.maximumBinds / max(1, columns.count))
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(rows.count, start + rowsPerStatement)]
            var binds: [PostgresData] = []
            var tuples: [String] = []
            for row in batch {
                guard row.count == columns.count else {
                    throw IssuerError(.storeUnavailable, "a row of \(table) has \(row.count) values for \(columns.count) columns")
                }
                var placeholders: [String] = []
                for (value, type) in zip(row, columnTypes) {
                    binds.append(try Self.bind(value, as: type, in: table))
                    placeholders.append("$\(binds.count)::\(type)")
                }
                tuples.append("(" + placeholders.joined(separator: ", ") + ")")
            }
            do {
                try session.execute(
                    "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))", binds)
            } catch let failure as PostgresFailure {
                throw IssuerError(.storeUnavailable, "PostgreSQL refused a row of \(table): \(failure.message)")
            }
            start += batch.count
        }
    }

    /// `value` bound as the column's `type`; a value that cannot be that type is refused.
    static func bind(_ value: StoreValue, as type: String, in table: String) throws -> PostgresData {
        switch (value, type) {
        case (.null, _): return .null
        case (.integer(let number), "boolean"): return PostgresData(bool: number != 0)
        case (.integer(let number), "bigint"), (.integer(let number), "integer"): return PostgresData(int64: number)
        case (.text(let text), "text"), (.text(let text), "json"): return PostgresData(string: text)
        case (.bytes(let bytes), "text"), (.bytes(let bytes), "json"):
            guard let text = String(validating: bytes, as: UTF8.self) else { break }
            return PostgresData(string: text)
        case (.bytes(let bytes), "bytea"): return PostgresData(bytes: bytes)
        case (.text(let text), "bytea"): return PostgresData(bytes: Array(text.utf8))
        case (.real(let number), "double precision"): return PostgresData(double: number)
        default: break
        }
        throw IssuerError(.storeUnavailable, "a value of \(table) does not fit its \(type) column: \(value.kind)")
    }
}

extension StoreValue {
    /// The storage class, for messages (never the value, which may be personal data or a secret).
    fileprivate var kind: String {
        switch self {
        case .null: "null"
        case .integer: "integer"
        case .real: "real"
        case .text: "text"
        case .bytes: "bytes"
        }
    }
}
