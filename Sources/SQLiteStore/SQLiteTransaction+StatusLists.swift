import Foundation
import GRDB
import IssuerCore

/// The narrow status list calls of the intake: every completion allocates two indexes, and reading
/// or rewriting whole rows (16 KiB of bits and the signed list credential each) was the top cost of
/// a burst. Both statements are prepared once per connection (`cachedStatement`).
extension SQLiteTransaction {
    func statusListUsage(purpose: String) throws -> [StatusListUsage] {
        // `IS NOT NULL` reads the column's type from the record header, not the signed credential.
        let statement = try db.cachedStatement(
            sql: """
                SELECT id, capacity, allocated, signedCredentialJSON IS NOT NULL AS isPublished
                FROM statusList WHERE purpose = ? ORDER BY id
                """)
        return try Row.fetchAll(statement, arguments: [purpose]).map { row in
            StatusListUsage(id: row["id"], capacity: row["capacity"], allocated: row["allocated"], isPublished: row["isPublished"])
        }
    }

    func incrementStatusListAllocated(id: String) throws {
        let statement = try db.cachedStatement(sql: "UPDATE statusList SET allocated = allocated + 1 WHERE id = ?")
        try statement.execute(arguments: [id])
        guard db.changesCount == 1 else { throw StoreError.notFound("status list \(id)") }
    }
}
