import Foundation

/// One transaction of ``InMemoryIssuerStore``: a copy of the state that the store keeps only when
/// the work returns. Its rules are the SQLite store's, checked in the same order.
final class InMemoryTransaction: IssuerTransaction {
    var state: InMemoryState

    init(state: InMemoryState) {
        self.state = state
    }

    // MARK: Issuer, signing keys, secrets

    func issuer() -> IssuerProfile? { state.issuer }
    func signingKeys() -> [SigningKeyRecord] { state.keys.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) } }
    func issuerSecret(name: String) -> [UInt8]? { state.secrets[name] }

    func saveIssuer(_ issuer: IssuerProfile) { state.issuer = issuer }
    func saveSigningKey(_ key: SigningKeyRecord) {
        state.keys.removeAll { $0.id == key.id }
        state.keys.append(key)
    }
    func insertIssuerSecret(name: String, value: [UInt8]) throws {
        guard state.secrets[name] == nil else { throw IssuerError(.duplicate, "the issuer secret \(name) exists") }
        state.secrets[name] = value
    }

    // MARK: Programs

    func program(id: String) -> Program? { state.programs[id] }
    func programs() -> [Program] { state.programs.values.sorted { $0.id < $1.id } }

    func saveProgram(_ program: Program) { state.programs[program.id] = program }

    // MARK: Learners

    func learner(id: String) -> Learner? { state.learners[id] }
    func learner(externalID: String) -> Learner? {
        state.learners.values.filter { $0.externalID == externalID }.min { $0.id < $1.id }
    }
    func learner(namespace: LearnerNamespace, externalID: String) -> Learner? {
        state.learners.values.first { $0.namespace == namespace && $0.externalID == externalID }
    }
    func learners(externalID: String) -> [Learner] {
        state.learners.values.filter { $0.externalID == externalID }.sorted { $0.id < $1.id }
    }
    func learners(email: String?, limit: Int) -> [Learner] {
        let matching = state.learners.values.filter { email == nil || $0.email.lowercased() == email!.lowercased() }
        return Array(matching.sorted { $0.id < $1.id }.prefix(max(0, limit)))
    }

    func saveLearner(_ learner: Learner) throws {
        if let other = self.learner(namespace: learner.namespace, externalID: learner.externalID), other.id != learner.id {
            throw IssuerError(.duplicate, "a learner with external id \(learner.externalID) exists")
        }
        state.learners[learner.id] = learner
    }

    // MARK: Intake

    func completion(id: String) -> CompletionRecord? { state.completions[id] }
    func completion(source: String, eventID: String) -> CompletionRecord? {
        state.completions.values.first { $0.event.source == source && $0.event.eventID == eventID }
    }
    func completions(state completionState: CompletionState?) -> [CompletionRecord] {
        state.completions.values.filter { completionState == nil || $0.state == completionState }
            .sorted { ($0.receivedAt, $0.id) < ($1.receivedAt, $1.id) }
    }

    func insertCompletion(_ completion: CompletionRecord) throws {
        if state.completions[completion.id] != nil
            || self.completion(source: completion.event.source, eventID: completion.event.eventID) != nil
        {
            throw IssuerError(.duplicate, "event \(completion.event.eventID) from \(completion.event.source) is already stored")
        }
        guard state.learners[completion.learnerID] != nil else {
            throw IssuerError(.notFound, "completion \(completion.id) names learner \(completion.learnerID), who is not stored")
        }
        state.completions[completion.id] = completion
    }
    func updateCompletion(_ completion: CompletionRecord) throws {
        guard state.completions[completion.id] != nil else { throw IssuerError(.notFound, "completion \(completion.id)") }
        state.completions[completion.id] = completion
    }

    // MARK: Credentials

    func credential(id: String) -> CredentialRecord? { state.credentials[id] }
    func currentCredential(learnerID: String, programID: String) -> CredentialRecord? {
        state.credentialOrder.reversed().lazy.compactMap { self.state.credentials[$0] }
            .first { $0.learnerID == learnerID && $0.programID == programID && $0.state != .superseded }
    }
    func credentials(filter: CredentialFilter) -> [CredentialRecord] {
        let matching = state.credentialOrder.compactMap { state.credentials[$0] }.filter(filter.matches)
        return filter.limit.map { Array(matching.prefix($0)) } ?? matching
    }
    func credential(passcode: String) -> CredentialRecord? {
        state.credentialOrder.lazy.compactMap { self.state.credentials[$0] }.first { $0.passcode == passcode }
    }
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

    func insertCredential(_ credential: CredentialRecord) throws {
        if state.credentials[credential.id] != nil { throw IssuerError(.duplicate, "credential id \(credential.id) is taken") }
        try checkCredentialRules(credential)
        state.credentials[credential.id] = credential
        state.credentialOrder.append(credential.id)
    }
    func updateCredential(_ credential: CredentialRecord) throws {
        guard state.credentials[credential.id] != nil else { throw IssuerError(.notFound, "credential \(credential.id)") }
        try checkCredentialRules(credential)
        state.credentials[credential.id] = credential
    }
    /// The rules SQLite holds for a credential row, other than its id: status indexes held by no
    /// other credential, no other current credential, and a stored learner, program and completion.
    private func checkCredentialRules(_ credential: CredentialRecord) throws {
        let others = state.credentials.values.filter { $0.id != credential.id }
        func holds(_ other: CredentialRecord, _ list: String, _ index: Int) -> Bool {
            (other.revocationList == list && other.revocationIndex == index)
                || (other.suspensionList == list && other.suspensionIndex == index)
        }
        if others.contains(where: {
            holds($0, credential.revocationList, credential.revocationIndex)
                || holds($0, credential.suspensionList, credential.suspensionIndex)
        }) {
            throw IssuerError(.duplicate, "a status index of credential \(credential.id) is taken")
        }
        if credential.state != .superseded,
            others.contains(where: {
                $0.learnerID == credential.learnerID && $0.programID == credential.programID && $0.state != .superseded
            })
        {
            throw IssuerError(.duplicate, "learner \(credential.learnerID) already holds a credential for \(credential.programID)")
        }
        if state.learners[credential.learnerID] == nil {
            throw IssuerError(.notFound, "credential \(credential.id) names learner \(credential.learnerID), who is not stored")
        }
        if state.programs[credential.programID] == nil {
            throw IssuerError(.notFound, "credential \(credential.id) names program \(credential.programID), which is not stored")
        }
        if state.completions[credential.completionID] == nil {
            throw IssuerError(.notFound, "credential \(credential.id) names completion \(credential.completionID), which is not stored")
        }
    }

    // MARK: Status lists

    func statusList(id: String) -> StatusListRecord? { state.statusLists[id] }
    func statusLists(purpose: StatusPurpose?) -> [StatusListRecord] {
        state.statusLists.values.filter { purpose == nil || $0.purpose == purpose }.sorted { $0.id < $1.id }
    }
    func statusListUsage(purpose: StatusPurpose) -> [StatusListUsage] {
        statusLists(purpose: purpose).map(StatusListUsage.init)
    }
    func isStatusIndexTaken(list: String, index: Int) -> Bool {
        state.credentials.values.contains {
            ($0.revocationList == list && $0.revocationIndex == index) || ($0.suspensionList == list && $0.suspensionIndex == index)
        }
    }

    func saveStatusList(_ list: StatusListRecord) { state.statusLists[list.id] = list }
    func incrementStatusListAllocated(id: String) throws {
        guard state.statusLists[id] != nil else { throw IssuerError(.notFound, "status list \(id)") }
        state.statusLists[id]?.allocated += 1
    }

    // MARK: Audit

    func lastAuditEntry() -> AuditEntry? { state.audit.last }
    func auditEntries(from sequence: Int, limit: Int) -> [AuditEntry] {
        Array(state.audit.drop { $0.sequence < sequence }.prefix(limit))
    }

    func appendAuditEntry(_ entry: AuditEntry) throws {
        guard entry.sequence == (state.audit.last?.sequence ?? 0) + 1 else {
            throw IssuerError(.duplicate, "audit entry \(entry.sequence) does not follow \(state.audit.last?.sequence ?? 0)")
        }
        state.audit.append(entry)
    }

    // MARK: Outbox

    func outboxMessage(id: String) -> OutboxMessage? { state.outbox[id] }
    func outboxMessages(state messageState: OutboxState?) -> [OutboxMessage] {
        state.outbox.values.filter { messageState == nil || $0.state == messageState }.sorted {
            ($0.createdAt, $0.id) < ($1.createdAt, $1.id)
        }
    }
    func outboxCounts() -> [OutboxCount] {
        // In the SQLite store's order: by the names, as stored.
        OutboxState.allCases.flatMap { messageState in
            OutboxChannel.allCases.map { channel in
                OutboxCount(
                    state: messageState, channel: channel,
                    count: state.outbox.values.count { $0.state == messageState && $0.channel == channel })
            }
        }
        .filter { $0.count > 0 }.sorted { ($0.state.rawValue, $0.channel.rawValue) < ($1.state.rawValue, $1.channel.rawValue) }
    }

    func saveOutboxMessage(_ message: OutboxMessage) { state.outbox[message.id] = message }

    // MARK: API keys and learners' magic links

    func apiKey(tokenHash: String) -> APIKeyRecord? { state.apiKeys.values.first { $0.tokenHash == tokenHash } }
    func apiKeys() -> [APIKeyRecord] { state.apiKeys.values.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) } }
    func apiKey(id: String) -> APIKeyRecord? { state.apiKeys[id] }
    func learnerLink(addressHash: String) -> LearnerLinkRecord? { state.learnerLinks[addressHash] }

    func saveAPIKey(_ key: APIKeyRecord) throws {
        let clashes = state.apiKeys.values.filter { (other: APIKeyRecord) -> Bool in
            other.id != key.id
                && (other.tokenHash == key.tokenHash || other.name == key.name
                    || (key.previousTokenHash != nil && other.previousTokenHash == key.previousTokenHash))
        }
        if !clashes.isEmpty {
            throw IssuerError(.duplicate, "an API key named \(key.name), or with the same token, exists")
        }
        state.apiKeys[key.id] = key
    }
    func markAPIKeyUsed(id: String, at date: Date) {
        state.apiKeys[id]?.lastUsedAt = date
    }
    func saveLearnerLink(_ link: LearnerLinkRecord) { state.learnerLinks[link.addressHash] = link }
}
