import Foundation

/// Learners by namespace, API key upkeep and magic links, as the SQLite store does them.
extension InMemoryTransaction {
    func learner(namespace: LearnerNamespace, externalID: String) -> Learner? {
        state.learners.values.first { $0.namespace == namespace && $0.externalID == externalID }
    }

    func learners(externalID: String) -> [Learner] {
        state.learners.values.filter { $0.externalID == externalID }.sorted { $0.id < $1.id }
    }

    func apiKey(id: String) -> APIKeyRecord? { state.apiKeys[id] }

    func learnerLink(addressHash: String) -> LearnerLinkRecord? { state.learnerLinks[addressHash] }

    func markAPIKeyUsed(id: String, at date: Date) {
        state.apiKeys[id]?.lastUsedAt = date
    }

    func saveLearnerLink(_ link: LearnerLinkRecord) { state.learnerLinks[link.addressHash] = link }
}
