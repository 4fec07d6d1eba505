import Foundation

extension InMemoryTransaction {
    func credentialSummary(id: String) -> CredentialSummary? { credential(id: id).map(CredentialSummary.init) }

    func currentCredentialSummary(learnerID: String, programID: String) -> CredentialSummary? {
        currentCredential(learnerID: learnerID, programID: programID).map(CredentialSummary.init)
    }

    func credentialSummaries(filter: CredentialFilter) -> [CredentialSummary] {
        credentials(filter: filter).map(CredentialSummary.init)
    }

    func credentialDocument(_ kind: CredentialDocumentKind, credentialID: String) -> Data? {
        credential(id: credentialID)?.document(kind)
    }

    func outboxCounts() -> [OutboxCount] {
        Dictionary(grouping: outboxMessages(state: nil)) { [$0.state, $0.channel] }
            .map { OutboxCount(state: $0.key[0], channel: $0.key[1], count: $0.value.count) }
            .sorted { ($0.state, $0.channel) < ($1.state, $1.channel) }
    }
}
