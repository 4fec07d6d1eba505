import Foundation
import IssuerCore

extension PostgresTransaction: APIKeyRotationWriting {
    func apiKey(previousTokenHash: String) throws -> APIKeyRecord? {
        try row("SELECT \(Self.apiKeyColumns) FROM apiKey WHERE previousTokenHash = $1", [previousTokenHash]).map(apiKey)
    }

    func markAPIKeyUsed(id: String, at date: Date, from address: String) throws {
        try execute("UPDATE apiKey SET lastUsedAt = $1, lastUsedAddress = $2 WHERE id = $3", [date, String(address.prefix(64)), id])
    }
}
