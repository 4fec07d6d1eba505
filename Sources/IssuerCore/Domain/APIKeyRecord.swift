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
    /// - Warning: checking an HMAC needs the secret itself, so it cannot be hashed like the token;
    ///   the SQLite store keeps it sealed with a key outside the database (see `SecretSealer`).
    public var hmacSecret: String?
    /// Whether events must be signed: an unsigned event is a 401 (on by default for new `lms`
    /// keys). A key with a secret always checks the signature of an event that carries one.
    public var requiresHMAC: Bool
    /// When the key was made.
    public var createdAt: Date
    /// When the key was withdrawn; a revoked key is refused.
    public var revokedAt: Date?
    /// When the key stops working on its own; `nil` for never.
    public var expiresAt: Date?
    /// When the key was last accepted (updated at most once per ``lastUsedGranularity``).
    public var lastUsedAt: Date?
    /// The client address of the request that last wrote ``lastUsedAt`` (the TCP peer, or the
    /// client a trusted proxy names), written with it.
    public var lastUsedAddress: String?
    /// The only addresses the key is accepted from; empty for anywhere. An IPv4-mapped IPv6
    /// client (`::ffff:10.1.2.3`) is its IPv4 address, so IPv4 blocks match it.
    public var allowedNetworks: [IPAddressRange]
    /// The SHA-256 of the token this key had before its last rotation, accepted until
    /// ``previousTokenValidUntil``.
    public var previousTokenHash: String?
    /// When the token before the last rotation stops working.
    public var previousTokenValidUntil: Date?

    /// How stale `lastUsedAt` may be: a busy key writes it at most once a minute.
    public static let lastUsedGranularity: TimeInterval = 60

    /// A key record.
    public init(
        id: String, name: String, role: APIRole, tokenHash: String, hmacSecret: String? = nil, requiresHMAC: Bool = false,
        createdAt: Date, revokedAt: Date? = nil, expiresAt: Date? = nil, lastUsedAt: Date? = nil, lastUsedAddress: String? = nil,
        allowedNetworks: [IPAddressRange] = [], previousTokenHash: String? = nil, previousTokenValidUntil: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.tokenHash = tokenHash
        self.hmacSecret = hmacSecret
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.requiresHMAC = requiresHMAC
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.lastUsedAddress = lastUsedAddress
        self.allowedNetworks = allowedNetworks
        self.previousTokenHash = previousTokenHash
        self.previousTokenValidUntil = previousTokenValidUntil
    }

    /// Whether the key is accepted at `now`: not revoked and not expired.
    public func isUsable(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { now < $0 } ?? true)
    }

    /// Whether an event without `X-Attest-Signature` must be refused.
    public var refusesUnsignedEvents: Bool { requiresHMAC || hmacSecret != nil }
}
