import Foundation
import GRDB
import IssuerCore

extension SQLiteTransaction: APIKeyRotationWriting {
    func apiKey(previousTokenHash: String) throws -> APIKeyRecord? {
        try APIKeyRow.filter(Column("previousTokenHash") == previousTokenHash).fetchOne(db)?.record(sealer: sealer)
    }

    func markAPIKeyUsed(id: String, at date: Date, from address: String) throws {
        try db.execute(
            sql: "UPDATE apiKey SET lastUsedAt = ?, lastUsedAddress = ? WHERE id = ?",
            arguments: [DatabaseTimestamp.text(from: date), String(address.prefix(64)), id])
    }
}
