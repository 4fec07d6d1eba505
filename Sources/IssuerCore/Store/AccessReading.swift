import Foundation

/// Who may get in: API keys and the magic-link state of learners' addresses.
public protocol AccessReading {
    /// The API key whose token hashes to `tokenHash` (lower-case hex SHA-256).
    func apiKey(tokenHash: String) throws -> APIKeyRecord?
    /// Every API key, oldest first.
    func apiKeys() throws -> [APIKeyRecord]
    /// The API key with this id.
    func apiKey(id: String) throws -> APIKeyRecord?
    /// The magic-link state of the address whose ``LearnerLinkRecord/addressHash(of:)`` is `addressHash`.
    func learnerLink(addressHash: String) throws -> LearnerLinkRecord?
}
