import Foundation
import GRDB
import IssuerCore

/// The `apiKey` table: one row per ``APIKeyRecord``; the token's SHA-256 is unique, the token is
/// never stored, and the HMAC secret is stored sealed (``SecretSealer``) with the store's sealing key.
struct APIKeyRow: StoreRecord {
    static let databaseTableName = "apiKey"

    var id: String
    var name: String
    var role: String
    var tokenHash: String
    var hmacSecret: String?
    var createdAt: Date
    var revokedAt: Date?
    var requiresHMAC: Bool
    var expiresAt: Date?
    var lastUsedAt: Date?
    var lastUsedAddress: String?
    /// The allow-list as space-separated CIDR blocks; NULL for anywhere.
    var allowedNetworks: String?
    var previousTokenHash: String?
    var previousTokenValidUntil: Date?

    init(_ key: APIKeyRecord, sealer: SecretSealer) {
        id = key.id
        name = key.name
        role = key.role.rawValue
        tokenHash = key.tokenHash
        hmacSecret = key.hmacSecret.map(sealer.seal)
        createdAt = key.createdAt
        revokedAt = key.revokedAt
        requiresHMAC = key.requiresHMAC
        expiresAt = key.expiresAt
        lastUsedAt = key.lastUsedAt
        lastUsedAddress = key.lastUsedAddress
        allowedNetworks = APIKeyRecord.allowListText(key.allowedNetworks)
        previousTokenHash = key.previousTokenHash
        previousTokenValidUntil = key.previousTokenValidUntil
    }

    func record(sealer: SecretSealer) throws -> APIKeyRecord {
        guard let role = APIRole(rawValue: role) else {
            throw IssuerError(.storeUnavailable, "API key \(id) has an unknown role \(self.role)")
        }
        return APIKeyRecord(
            id: id, name: name, role: role, tokenHash: tokenHash, hmacSecret: try hmacSecret.map { try sealer.open($0) },
            requiresHMAC: requiresHMAC,
            createdAt: createdAt, revokedAt: revokedAt, expiresAt: expiresAt, lastUsedAt: lastUsedAt, lastUsedAddress: lastUsedAddress,
            allowedNetworks: try APIKeyRecord.allowList(storedText: allowedNetworks, keyID: id), previousTokenHash: previousTokenHash,
            previousTokenValidUntil: previousTokenValidUntil)
    }
}
