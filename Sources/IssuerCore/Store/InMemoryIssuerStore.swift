import Foundation

/// An ``IssuerStore`` in memory, for tests: the same uniqueness rules as the SQLite store, and
/// transactions that apply whole or not at all (each write works on a copy that replaces the
/// state only when the work returns).
public actor InMemoryIssuerStore: IssuerStore {
    private var state = InMemoryState()

    /// An empty store.
    public init() {}

    /// Runs `work` on a copy of the state, which replaces the state only when `work` returns.
    public func write<T: Sendable>(_ work: @Sendable (any IssuerTransaction) throws -> T) async throws -> T {
        let transaction = InMemoryTransaction(state: state)
        let result = try work(transaction)
        state = transaction.state
        return result
    }

    /// Runs `work` against the state as it is.
    public func read<T: Sendable>(_ work: @Sendable (any IssuerReading) throws -> T) async throws -> T {
        try work(InMemoryTransaction(state: state))
    }
}

struct InMemoryState: Sendable {
    var issuer: IssuerProfile?
    var keys: [SigningKeyRecord] = []
    var programs: [String: Program] = [:]
    var learners: [String: Learner] = [:]
    var completions: [String: CompletionRecord] = [:]
    var credentials: [String: CredentialRecord] = [:]
    var credentialOrder: [String] = []
    var statusLists: [String: StatusListRecord] = [:]
    var audit: [AuditEntry] = []
    var outbox: [String: OutboxMessage] = [:]
    var apiKeys: [String: APIKeyRecord] = [:]
    var secrets: [String: [UInt8]] = [:]
    var learnerLinks: [String: LearnerLinkRecord] = [:]
    var compliance = InMemoryComplianceState()
    var staff = InMemoryStaffState()
    var credentialOffers = InMemoryCredentialOfferState()
    var walletExchanges: [String: WalletExchangeRecord] = [:]
    var scheduledWork: [String: ScheduledWork] = [:]
    var uptime: [String: UptimeRecord] = [:]
    var engagement: [EngagementRecord] = []
    var webhookEndpoints: [String: WebhookEndpointRecord] = [:]
    var rollout = InMemoryRolloutState()
    var programSettings: [String: ProgramSettings] = [:]
    var parkedEvents: [String: ParkedEvent] = [:]
}
