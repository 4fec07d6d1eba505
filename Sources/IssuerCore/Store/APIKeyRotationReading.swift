import Foundation

/// API keys by the token they had before their last rotation.
public protocol APIKeyRotationReading {
    /// The API key whose token before its last rotation hashes to `previousTokenHash`, whether or
    /// not that token's overlap has ended (the caller checks ``APIKeyRecord/acceptsPreviousToken(at:)``).
    func apiKey(previousTokenHash: String) throws -> APIKeyRecord?
}

/// The last use of an API key together with the address it came from.
public protocol APIKeyRotationWriting: APIKeyRotationReading {
    /// Sets `lastUsedAt` and `lastUsedAddress` of key `id` and nothing else (so it never undoes a
    /// revocation or rotation that committed in between); an unknown id changes nothing.
    func markAPIKeyUsed(id: String, at date: Date, from address: String) throws
}
