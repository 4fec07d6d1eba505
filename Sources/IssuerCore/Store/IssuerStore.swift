import Foundation

/// Where the issuer keeps everything. Work that must happen together runs in one ``write(_:)``
/// transaction: it commits whole or not at all. Uniqueness is the store's job, so a replayed
/// event or a second credential for the same learner and program is refused by the store itself.
///
/// Implementations: ``InMemoryIssuerStore`` for tests, `SQLiteStore` (GRDB, WAL) in production.
public protocol IssuerStore: Sendable {
    /// Runs `work` in a write transaction; an error thrown by `work` rolls everything back.
    func write<T: Sendable>(_ work: @Sendable (any IssuerTransaction) throws -> T) async throws -> T
    /// Runs `work` against a consistent snapshot, without blocking writers.
    func read<T: Sendable>(_ work: @Sendable (any IssuerReading) throws -> T) async throws -> T
}

/// What can be read from the store.
public protocol IssuerReading {
    func issuer() throws -> IssuerProfile?
    func signingKeys() throws -> [SigningKeyRecord]

    func program(id: String) throws -> Program?
    func programs() throws -> [Program]

    func learner(id: String) throws -> Learner?
    /// The first learner (by id) with this external id in any namespace: a lookup for people
    /// (staff searching); intake uses ``learner(namespace:externalID:)``.
    func learner(externalID: String) throws -> Learner?
    /// The learner with this external id in `namespace` (unique there).
    func learner(namespace: LearnerNamespace, externalID: String) throws -> Learner?
    /// Every learner with this external id, one per namespace at most, by id.
    func learners(externalID: String) throws -> [Learner]
    /// Learners by id, at most `limit`; only those with this email address (any case) when `email` is set.
    func learners(email: String?, limit: Int) throws -> [Learner]

    func completion(id: String) throws -> CompletionRecord?
    func completion(source: String, eventID: String) throws -> CompletionRecord?
    func completions(state: CompletionState?) throws -> [CompletionRecord]

    /// A credential with all its files (JSON, PDF, PNG): for code that serves or changes them;
    /// pages and listings read ``credentialSummary(id:)`` and ``credentialDocument(_:credentialID:)``.
    func credential(id: String) throws -> CredentialRecord?
    /// The newest credential of a learner for a program that is not superseded (any state).
    func currentCredential(learnerID: String, programID: String) throws -> CredentialRecord?
    /// Credentials with all their files, in insertion order; listings read ``credentialSummaries(filter:)``.
    func credentials(filter: CredentialFilter) throws -> [CredentialRecord]
    /// The credential whose printed passcode is `passcode` (canonical form, `XXXXX-XXXXX`).
    func credential(passcode: String) throws -> CredentialRecord?
    /// A credential without its files (the verification page, downloads that read one file).
    func credentialSummary(id: String) throws -> CredentialRecordSummary?
    /// The credential whose printed passcode is `passcode`, without its files (`POST /verify`).
    func credentialSummary(passcode: String) throws -> CredentialRecordSummary?
    /// The newest credential of a learner for a program that is not superseded, without its files
    /// (intake's "what does this learner hold" check).
    func currentCredentialSummary(learnerID: String, programID: String) throws -> CredentialRecordSummary?
    /// Credentials without their files, in insertion order: what listings read.
    func credentialSummaries(filter: CredentialFilter) throws -> [CredentialRecordSummary]
    /// The bytes of one stored file of credential `credentialID`, `nil` when it has none.
    func credentialDocument(_ kind: CredentialDocumentKind, credentialID: String) throws -> Data?
    /// Whether a credential holds this index of this list.
    func isStatusIndexTaken(list: String, index: Int) throws -> Bool

    func statusList(id: String) throws -> StatusListRecord?
    func statusLists(purpose: String?) throws -> [StatusListRecord]
    /// Every list of `purpose` with how full it is, in id order, reading neither bits nor signed
    /// credentials (what allocating an index needs).
    func statusListUsage(purpose: String) throws -> [StatusListUsage]

    func lastAuditEntry() throws -> AuditEntry?
    func auditEntries(from sequence: Int, limit: Int) throws -> [AuditEntry]

    func outboxMessages(state: String?) throws -> [OutboxMessage]
    /// How many outbox rows there are per state and channel, counted by the store (no row is read).
    func outboxCounts() throws -> [OutboxCount]
    /// One outbox row by id (what the delivery worker claims and marks, without reading the others).
    func outboxMessage(id: String) throws -> OutboxMessage?

    /// The API key whose token hashes to `tokenHash` (lower-case hex SHA-256).
    func apiKey(tokenHash: String) throws -> APIKeyRecord?
    /// Every API key, oldest first.
    func apiKeys() throws -> [APIKeyRecord]
    /// The API key with this id.
    func apiKey(id: String) throws -> APIKeyRecord?
    /// The magic-link state of the address whose ``LearnerLinkRecord/addressHash(of:)`` is `addressHash`.
    func learnerLink(addressHash: String) throws -> LearnerLinkRecord?
    /// A secret of the issuer kept in the store (e.g. `claim-token`), `nil` until one is made.
    func issuerSecret(name: String) throws -> [UInt8]?

    /// A training configuration by id (compliance certificates).
    func trainingConfiguration(id: String) throws -> TrainingConfiguration?
    /// Every training configuration, by id.
    func trainingConfigurations() throws -> [TrainingConfiguration]
    /// A worker's assignments (memberships and single modules), removed ones included, oldest first;
    /// every worker's when `learnerID` is nil.
    func trainingAssignments(learnerID: String?) throws -> [TrainingAssignment]
    /// A worker's module completions, removed ones included, by completion date.
    func trainingCompletions(learnerID: String) throws -> [TrainingCompletion]
    /// The scheduler's note about a worker and configuration.
    func complianceWatch(learnerID: String, configurationID: String) throws -> ComplianceWatch?
    /// Watches whose next check is at or before `date`, earliest first.
    func complianceWatches(dueBy date: Date) throws -> [ComplianceWatch]
}

/// What can be written inside a transaction (reads see the transaction's own writes).
public protocol IssuerTransaction: IssuerReading {
    func saveIssuer(_ issuer: IssuerProfile) throws
    func saveSigningKey(_ key: SigningKeyRecord) throws
    /// Inserts or replaces a program (by id).
    func saveProgram(_ program: Program) throws
    func saveLearner(_ learner: Learner) throws
    /// Inserts a completion; throws ``StoreError/duplicate`` when (source, eventID) exists.
    func insertCompletion(_ completion: CompletionRecord) throws
    func updateCompletion(_ completion: CompletionRecord) throws
    /// Inserts a credential; throws ``StoreError/duplicate`` when its id, or a status index it
    /// holds, is taken, or when the learner already has a current credential for the program.
    func insertCredential(_ credential: CredentialRecord) throws
    func updateCredential(_ credential: CredentialRecord) throws
    func saveStatusList(_ list: StatusListRecord) throws
    /// Counts one more index held in list `id` (`allocated + 1`) and changes nothing else: not the
    /// bits, not `updatedAt`, which says when the list was last signed. Throws
    /// ``StoreError/notFound(_:)`` when there is no such list.
    func incrementStatusListAllocated(id: String) throws
    /// Appends an audit entry; throws ``StoreError/duplicate`` if its sequence exists.
    func appendAuditEntry(_ entry: AuditEntry) throws
    func saveOutboxMessage(_ message: OutboxMessage) throws
    /// Inserts or updates an API key; throws ``StoreError/duplicate`` when its token hash or name is taken.
    func saveAPIKey(_ key: APIKeyRecord) throws
    /// Sets `lastUsedAt` of key `id` and nothing else (so it can never undo a revocation that
    /// committed in between); an unknown id changes nothing.
    func markAPIKeyUsed(id: String, at date: Date) throws
    /// Inserts or replaces the magic-link state of one address (by `addressHash`).
    func saveLearnerLink(_ link: LearnerLinkRecord) throws
    /// Stores a secret of the issuer under `name`; throws ``StoreError/duplicate`` if one exists
    /// (secrets are made once and never replaced, so what was derived from them stays valid).
    func insertIssuerSecret(name: String, value: [UInt8]) throws
    /// Inserts or replaces a training configuration (by id).
    func saveTrainingConfiguration(_ configuration: TrainingConfiguration) throws
    /// Inserts or updates an assignment (by id); throws ``StoreError/notFound(_:)`` for an unknown worker or configuration.
    func saveTrainingAssignment(_ assignment: TrainingAssignment) throws
    /// Inserts or updates a completion (by id); throws ``StoreError/notFound(_:)`` for an unknown worker or configuration.
    func saveTrainingCompletion(_ completion: TrainingCompletion) throws
    /// Inserts or replaces the watch of (learner, configuration).
    func saveComplianceWatch(_ watch: ComplianceWatch) throws
}

/// Which credentials to list.
public struct CredentialFilter: Sendable, Hashable {
    public var learnerID: String?
    public var programID: String?
    public var states: Set<CredentialState>?
    public var limit: Int?

    /// A filter; every field optional.
    public init(learnerID: String? = nil, programID: String? = nil, states: Set<CredentialState>? = nil, limit: Int? = nil) {
        self.learnerID = learnerID
        self.programID = programID
        self.states = states
        self.limit = limit
    }

    /// Whether a record passes the filter (for stores that filter in memory).
    public func matches(_ record: CredentialRecord) -> Bool {
        (learnerID == nil || record.learnerID == learnerID) && (programID == nil || record.programID == programID)
            && (states == nil || states!.contains(record.state))
    }
}
