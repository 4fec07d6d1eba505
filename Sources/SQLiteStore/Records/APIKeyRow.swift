import Foundation
import GRDB
import IssuerCore

/// The `apiKey` table: one row per ``APIKeyRecord``; the token's SHA-256 is unique, the token is
/// never stored.
struct APIKeyRow: StoreRecord {
    static let databaseTableName = "apiKey"

    var id: String
    var name: String
    var role: String
    var tokenHash: String
    var hmacSecret: String?
    var createdAt: Date
    var revokedAt: Date?

    init(_ key: APIKeyRecord) {
        id = key.id
        name = key.name
        role = key.role.rawValue
        tokenHash = key.tokenHash
        hmacSecret = key.hmacSecret
        createdAt = key.createdAt
        revokedAt = key.revokedAt
    }

    func record() throws -> APIKeyRecord {
        guard let role = APIRole(rawValue: role) else { throw StoreError.unavailable("API key \(id) has an unknown role \(self.role)") }
        return APIKeyRecord(
            id: id, name: name, role: role, tokenHash: tokenHash, hmacSecret: hmacSecret, createdAt: createdAt, revokedAt: revokedAt)
    }
}
