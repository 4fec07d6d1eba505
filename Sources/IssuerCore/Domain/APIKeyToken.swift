import CanonicalJSON
import Ed25519
import Foundation

/// Bearer tokens of the API: 32 random bytes, shown once; only their SHA-256 is stored.
public enum APIKeyToken {
    /// A new token, `attest_` followed by 64 hex digits.
    public static func generate() -> String {
        "attest_" + Hex.encode(SecureRandom.bytes(count: 32))
    }

    /// The stored form of a token: lower-case hex SHA-256.
    public static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(Array(token.utf8)))
    }

    /// A new key record for `token` (the caller shows the token once and keeps only the record).
    public static func record(
        name: String, role: APIRole, token: String, hmacSecret: String?, requiresHMAC: Bool = false, expiresAt: Date? = nil,
        allowedNetworks: [IPAddressRange] = [], random: any RandomSource, now: Date
    ) -> APIKeyRecord {
        APIKeyRecord(
            id: "ak-" + random.identifier(length: 10), name: name, role: role, tokenHash: hash(token), hmacSecret: hmacSecret,
            requiresHMAC: requiresHMAC, createdAt: now, expiresAt: expiresAt, allowedNetworks: allowedNetworks)
    }

}
