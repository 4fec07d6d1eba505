import Delivery
import Foundation
import IssuerCore
import Prometheus

extension ServerMetrics {
    /// A delivery attempt that did not succeed: `permanent` when the row is given up on.
    /// Every attempt also counts in `attest_deliveries_total` by channel and result (`sent`, `retry`, `failed`).
    func deliveryAttempted(_ attempt: DeliveryAttempt) {
        registry.makeCounter(
            name: "attest_deliveries_total", labels: [("channel", attempt.channel.rawValue), ("result", attempt.result.rawValue)],
            help: "Email and webhook delivery attempts, by channel and result (sent, retry: another attempt is scheduled, failed: given up)"
        )
        .increment()
        guard attempt.result != .sent else { return }
        registry.makeCounter(
            name: "attest_delivery_failures_total",
            labels: [("channel", attempt.channel.rawValue), ("permanent", attempt.result == .failed ? "true" : "false")],
            help: "Email and webhook delivery attempts that failed, by channel and whether the row was given up on"
        )
        .increment()
    }

    /// The learner opened or downloaded a credential for the first time.
    func credentialClaimed() { claimedCounter.increment() }

    private var claimedCounter: Counter {
        registry.makeCounter(
            name: "attest_credentials_claimed_total", help: "Credentials their learner opened or downloaded for the first time")
    }

    /// Sets the outbox gauges from the store; called on each scrape so they are never stale.
    func refreshOutbox(from store: any IssuerStore) async throws {
        _ = claimedCounter  // shown as 0 before the first claim
        // Counted by the store (GROUP BY state, channel), not by loading the rows.
        let counts = try await store.read { try $0.outboxCounts() }
        for state in [OutboxState.pending, .failed] {
            let count = counts.filter { $0.state == state }.reduce(0) { $0 + $1.count }
            registry.makeGauge(
                name: "attest_outbox_messages", labels: [("state", state.rawValue)],
                help: "Outbox rows waiting to be delivered or given up on"
            ).set(Double(count))
        }
        // One COUNT of the held completions, the same the review queue shows.
        let held = try await store.read { try $0.heldCompletionCount(ReviewQueueFilter()) }
        registry.makeGauge(name: "attest_review_queue_depth", help: "Completions held for review now").set(Double(held))
        // The scrape's own time: a check's deadline is hours, so the clock the server runs on is close enough.
        try await refreshRolloutChecks(from: store, now: Date())
        try await refreshKeptEvents(from: store)
    }
}

extension IssuerServer {
    /// Counts the outcomes of the delivery worker that runs beside this server (`attest serve`
    /// passes it as ``DeliveryConfiguration/observer``).
    public func observeDelivery(_ attempt: DeliveryAttempt) {
        metrics.deliveryAttempted(attempt)
    }
}

extension ServerMetrics {
    /// A view of a verification page (not through the learner's own link), a PDF download or a
    /// LinkedIn share, every one of them (the webhooks go out once a credential, kind and day).
    func engagement(_ kind: EngagementKind) {
        registry.makeCounter(
            name: "attest_engagement_total", labels: [("kind", kind.rawValue)],
            help: "Verification page views by others, PDF downloads and LinkedIn shares of credentials, by kind"
        )
        .increment()
    }

    /// An engagement that was over the store-write limit and so not recorded then.
    func engagementDropped() {
        registry.makeCounter(
            name: "attest_engagement_dropped_total", help: "Engagement not recorded because of the per-minute store-write limit")
        .increment()
    }
}
