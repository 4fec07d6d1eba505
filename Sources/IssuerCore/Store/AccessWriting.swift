import Foundation

/// Changes to API keys and learners' magic links.
public protocol AccessWriting: AccessReading {
    /// Inserts or updates an API key; throws ``IssuerError`` `duplicate` when its token hash or name is taken.
    func saveAPIKey(_ key: APIKeyRecord) throws
    /// Sets `lastUsedAt` of key `id` and nothing else (so it can never undo a revocation that
    /// committed in between); an unknown id changes nothing.
    func markAPIKeyUsed(id: String, at date: Date) throws
    /// Inserts or replaces the magic-link state of one address (by `addressHash`).
    func saveLearnerLink(_ link: LearnerLinkRecord) throws
}
