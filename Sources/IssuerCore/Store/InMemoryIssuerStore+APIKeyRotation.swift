import Foundation

extension InMemoryTransaction: APIKeyRotationWriting {
    func apiKey(previousTokenHash: String) -> APIKeyRecord? {
        state.apiKeys.values.first { $0.previousTokenHash == previousTokenHash }
    }

    func markAPIKeyUsed(id: String, at date: Date, from address: String) {
        state.apiKeys[id]?.lastUsedAt = date
        state.apiKeys[id]?.lastUsedAddress = String(address.prefix(64))
    }
}
