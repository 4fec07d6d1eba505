import Foundation
import IssuerCore
import ServiceLifecycle

/// Sends what the outbox holds: certificate emails and signed webhooks, with retries.
///
/// Each row goes through claim → send → mark. The claim is its own transaction: it counts the
/// attempt and reserves the row (`nextAttemptAt = now + claimDuration`) *before* anything leaves
/// the process, so a second worker or a restart never sends a row while an attempt is in flight.
/// The only duplicate window is a crash after the server accepted and before the mark commits;
/// the reservation then expires and the row is sent again (see `Spec/delivery.md`).
public struct OutboxWorker: Sendable {
    /// What one pass did.
    public struct Summary: Sendable, Hashable {
        /// Rows delivered.
        public var sent = 0
        /// Rows that failed for now and were scheduled again.
        public var retried = 0
        /// Rows given up on (permanent failure or attempts exhausted).
        public var failed = 0
        /// Webhook events split into one row per endpoint.
        public var fannedOut = 0
        /// Store errors met (the pass stops at the first; the rows stay as they were).
        public var storeErrors: [String] = []
    }

    let store: any IssuerStore
    let configuration: DeliveryConfiguration
    let mailer: any MailTransport
    let webhooks: WebhookSender
    let now: @Sendable () -> Date
    let random: any RandomSource

    /// A worker; `mailer` is an ``SMTPMailer``, or an ``EMLFolderMailer`` when no SMTP server is configured.
    public init(
        store: any IssuerStore, configuration: DeliveryConfiguration, mailer: any MailTransport, webhooks: WebhookSender = WebhookSender(),
        now: @escaping @Sendable () -> Date = { Date() }, random: any RandomSource = SystemRandomSource()
    ) {
        self.store = store
        self.configuration = configuration
        self.mailer = mailer
        self.webhooks = webhooks
        self.now = now
        self.random = random
    }

    /// Delivers every row that is due now, one at a time. When `isStopping` answers `true` it
    /// stops before the next row: the message in flight is always finished and marked first.
    public func runOnce(isStopping: @Sendable () -> Bool = { false }) async -> Summary {
        var summary = Summary()
        do {
            summary.fannedOut = try await fanOutWebhooks()
            let due = try await dueMessages()
            for message in due {
                if isStopping() { break }
                guard let claimed = try await claim(message.id) else { continue }
                switch claimed {
                case .exhausted:
                    summary.failed += 1
                    configuration.observer(DeliveryAttempt(channel: message.channel, event: message.event, result: .failed, error: nil))
                case .ready(let row):
                    let outcome = await attempt(row)
                    let result = try await mark(row, outcome: outcome)
                    switch result {
                    case .sent: summary.sent += 1
                    case .failed: summary.failed += 1
                    case .retry: summary.retried += 1
                    }
                    configuration.observer(DeliveryAttempt(channel: row.channel, event: row.event, result: result, error: outcome))
                }
            }
        } catch {
            summary.storeErrors.append(String(describing: error))
            configuration.log("outbox: store error, will try again on the next pass: \(error)")
        }
        return summary
    }

    /// Runs passes every `pollInterval` until the task is cancelled or graceful shutdown begins
    /// (``OutboxWorkerService`` in `attest serve` and `attest deliver --watch`). Graceful shutdown
    /// ends the wait between passes at once and stops a pass between rows, never mid-send.
    public func run<C: Clock<Duration>>(pollInterval: Duration = .seconds(5), clock: C) async {
        let isStopping: @Sendable () -> Bool = { Task.isCancelled || Task.isShuttingDownGracefully }
        while !isStopping() {
            _ = await runOnce(isStopping: isStopping)
            guard !isStopping() else { return }
            do {
                try await cancelWhenGracefulShutdown { try await clock.sleep(for: pollInterval) }
            } catch {
                return
            }
        }
    }

    func dueMessages() async throws -> [OutboxMessage] {
        let now = self.now()
        return try await store.read { reading in
            try reading.outboxMessages(state: .pending).filter { message in
                (message.nextAttemptAt ?? message.createdAt) <= now && !(message.channel == .webhook && message.recipient == nil)
            }
        }
    }

    /// Where webhooks go: the endpoints of the configuration (`attest.json`), then those kept in the
    /// store (the console, `attest webhooks`), read afresh so a change reaches every instance at once.
    func webhookEndpoints() async throws -> [WebhookEndpoint] {
        let stored = try await store.read { try $0.webhookEndpoints() }.map(WebhookEndpoint.init)
        let configured = configuration.webhookEndpoints
        return configured + stored.filter { endpoint in !configured.contains { $0.url == endpoint.url } }
    }

    /// A webhook row written without a recipient stands for "every endpoint": it becomes one row
    /// per interested endpoint (so each retries on its own) and is itself marked sent, in one transaction.
    func fanOutWebhooks() async throws -> Int {
        let endpoints = try await webhookEndpoints()
        return try await store.write { transaction in
            var count = 0
            for parent in try transaction.outboxMessages(state: .pending) where parent.channel == .webhook && parent.recipient == nil {
                for (index, endpoint) in endpoints.enumerated() where endpoint.wants(parent.event) {
                    try transaction.saveOutboxMessage(
                        OutboxMessage(
                            id: "\(parent.id).\(index + 1)", channel: .webhook, event: parent.event, subjectID: parent.subjectID,
                            recipient: endpoint.url,
                            createdAt: parent.createdAt))
                }
                var done = parent
                done.state = .sent
                done.nextAttemptAt = nil
                done.lastError = endpoints.contains { $0.wants(parent.event) } ? nil : "no webhook endpoint wants \(parent.event.rawValue)"
                try transaction.saveOutboxMessage(done)
                count += 1
            }
            return count
        }
    }
}
