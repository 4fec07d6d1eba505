import Foundation

/// What an API key may do. An LMS key posts completions and nothing else; a viewer reads; an
/// issuer also changes credentials and decides reviews; an admin may do everything.
public enum APIRole: String, Codable, Sendable, CaseIterable {
    case admin, issuer, lms, viewer
}

/// A key of the HTTP API. The token itself is shown once when the key is made and never stored:
/// the store keeps its SHA-256, so a copy of the database does not hand out access.
public struct APIKeyRecord: Codable, Sendable, Hashable, Identifiable {
    /// A short public id (`ak-…`), safe to log.
    public var id: String
    /// A name for people, e.g. the LMS it belongs to; also the completion `source` of its events.
    public var name: String
    /// What the key may do.
    public var role: APIRole
    /// Lower-case hex SHA-256 of the bearer token.
    public var tokenHash: String
    /// The shared secret an LMS signs its webhooks with (`X-Attest-Signature`), when required.
    /// - Warning: kept as given, because checking an HMAC needs the secret itself.
    public var hmacSecret: String?
    /// When the key was made.
    public var createdAt: Date
    /// When the key was withdrawn; a revoked key is refused.
    public var revokedAt: Date?

    /// A key record.
    public init(
        id: String, name: String, role: APIRole, tokenHash: String, hmacSecret: String? = nil, createdAt: Date, revokedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.tokenHash = tokenHash
        self.hmacSecret = hmacSecret
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
