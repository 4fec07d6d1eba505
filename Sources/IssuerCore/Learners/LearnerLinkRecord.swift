import CanonicalJSON
import Ed25519
import Foundation

/// What the store knows about one address's magic link: when one was last asked for (the flood
/// window), and the SHA-256 of the one link that works, with its end. The token itself is never
/// stored: it is made when the email is composed and lives only in that email, so neither a
/// database reader nor an API key can open a learner's portal. Keyed by a hash of the address, so
/// asking for links to unknown addresses stores no address.
public struct LearnerLinkRecord: Codable, Sendable, Hashable {
    /// Lower-case hex SHA-256 of the lower-cased address (``addressHash(of:)``).
    public var addressHash: String
    /// When a link was last asked for (a login request that was not inside the flood window).
    public var requestedAt: Date
    /// Lower-case hex SHA-256 of the one working token; `nil` before the first is sent and after sign-out.
    public var tokenHash: String?
    /// When the working token was made (sent).
    public var issuedAt: Date?
    /// When the working token stops working.
    public var expiresAt: Date?

    /// A record.
    public init(addressHash: String, requestedAt: Date, tokenHash: String? = nil, issuedAt: Date? = nil, expiresAt: Date? = nil) {
        self.addressHash = addressHash
        self.requestedAt = requestedAt
        self.tokenHash = tokenHash
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
    }

    /// The key of an address: hex SHA-256 of its lower-cased form.
    public static func addressHash(of email: String) -> String {
        Hex.encode(SHA256.hash(Array(email.lowercased().utf8)))
    }

}
