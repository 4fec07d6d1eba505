import Foundation

extension InMemoryTransaction {
    func credentialSummary(id: String) -> CredentialRecordSummary? { credential(id: id).map(CredentialRecordSummary.init) }

    func credentialSummary(passcode: String) -> CredentialRecordSummary? {
        credential(passcode: passcode).map(CredentialRecordSummary.init)
    }

    func currentCredentialSummary(learnerID: String, programID: String) -> CredentialRecordSummary? {
        currentCredential(learnerID: learnerID, programID: programID).map(CredentialRecordSummary.init)
    }

    func credentialSummaries(filter: CredentialFilter) -> [CredentialRecordSummary] {
        credentials(filter: filter).map(CredentialRecordSummary.init)
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
