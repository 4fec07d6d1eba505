import Foundation
import GRDB
import IssuerCore

extension SQLiteIssuerStore {
    /// Hands every row of the issuer to `importer` (`attest db copy`), table by table in the
    /// importer's order, each table's rows in its primary key's order, from one consistent
    /// snapshot (the database may be in use meanwhile). Values go as stored, byte for byte.
    ///
    /// Only what the other tables determine stays behind: GRDB's migration log and the FTS5
    /// learner index (the receiving store builds its own). A table or column that holds data and
    /// that the importer has no place for stops the copy before anything is lost silently.
    /// - Returns: how many rows each table sent.
    /// - Throws: ``IssuerCore/IssuerError`` `storeUnavailable` for data the importer has no place
    ///   for or a database that cannot be read; what the importer throws.
    public func export(into importer: any StoreTableImporter, pageSize: Int = 200) throws -> [String: Int] {
        let shapes = importer.tables
        do {
            return try writer.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                    .filter { !Self.isDerived(table: $0) }
                for table in tables where !shapes.contains(where: { $0.name.lowercased() == table.lowercased() }) {
                    let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(Self.quoted(table))") ?? 0
                    if rows > 0 {
                        throw IssuerError(
                            .storeUnavailable,
                            "the table \(table) holds \(rows) rows and the target database has no such table; nothing was copied")
                    }
                }
                var counts: [String: Int] = [:]
                for shape in shapes {
                    guard let table = tables.first(where: { $0.lowercased() == shape.name.lowercased() }) else { continue }
                    counts[table] = try export(table: table, shape: shape, db: db, into: importer, pageSize: pageSize)
                }
                return counts
            }
        } catch let error as DatabaseError {
            throw IssuerError(.storeUnavailable, "cannot read the database to copy it: \(error.message ?? "\(error.resultCode)")")
        }
    }

    private func export(
        table: String, shape: StoreTableShape, db: Database, into importer: any StoreTableImporter, pageSize: Int
    ) throws -> Int {
        let present = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
        func spelling(_ column: String) -> String? { present.first { $0.lowercased() == column.lowercased() } }
        let rowCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(Self.quoted(table))") ?? 0
        let unplaced = present.filter { column in !shape.columns.contains { $0.lowercased() == column.lowercased() } }
        if !unplaced.isEmpty && rowCount > 0 {
            throw IssuerError(
                .storeUnavailable,
                "the column \(table).\(unplaced.joined(separator: ", ")) has no place in the target database; nothing was copied")
        }
        let columns = shape.columns.compactMap(spelling)
        guard !columns.isEmpty, rowCount > 0 else { return 0 }
        let order = shape.orderedBy.compactMap(spelling)
        let sql =
            "SELECT \(columns.map(Self.quoted).joined(separator: ", ")) FROM \(Self.quoted(table))"
            + (order.isEmpty ? "" : " ORDER BY \(order.map(Self.quoted).joined(separator: ", "))")
        let cursor = try Row.fetchCursor(db, sql: sql)
        var page: [[StoreValue]] = []
        var sent = 0
        while let row = try cursor.next() {
            page.append(columns.indices.map { Self.storeValue(row[$0] as DatabaseValue) })
            if page.count == pageSize {
                try importer.insert(into: table, columns: columns, rows: page)
                sent += page.count
                page.removeAll(keepingCapacity: true)
            }
        }
        if !page.isEmpty {
            try importer.insert(into: table, columns: columns, rows: page)
            sent += page.count
        }
        return sent
    }

    /// GRDB's migration log, SQLite's own tables, and the FTS5 learner index with its shadow tables.
    static func isDerived(table: String) -> Bool {
        table == "grdb_migrations" || table.hasPrefix("sqlite_") || table == "learnerSearch" || table.hasPrefix("learnerSearch_")
    }

    private static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    private static func storeValue(_ value: DatabaseValue) -> StoreValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .bytes(Array(data))
        }
    }
}
