import Foundation
import Prometheus

/// The server's Prometheus metrics, in a registry owned by the server (no global metrics system),
/// served at `GET /metrics`.
final class ServerMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    /// The HTTP request series (``HTTPMetricsMiddleware``).
    let http: HTTPMetricSeries

    init() {
        registry = PrometheusCollectorRegistry()
        http = HTTPMetricSeries(registry: registry)
    }

    /// Completion events taken in, by what the rules decided (`issued`, `held`, `rejected`,
    /// `alreadyHeld`, `duplicate`).
    func completionReceived(outcome: String) {
        registry.makeCounter(
            name: "attest_completions_total", labels: [("outcome", outcome)], help: "Completion events taken in, by outcome"
        )
        .increment()
    }

    /// Time from receiving a completion to its stored, signed credential (the server's own work;
    /// `attest_time_to_credential_seconds` measures from the learner's completion).
    func credentialIssued(after duration: Duration) {
        registry.makeDurationHistogram(
            name: "attest_issuance_duration_seconds",
            buckets: [
                .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5),
            ],
            help: "Time from receiving a completion to its signed, stored credential"
        ).record(duration)
    }

    /// A revocation, suspension, reinstatement or reissue (each re-signs a status list).
    func credentialChanged(action: String) {
        registry.makeCounter(
            name: "attest_credential_changes_total", labels: [("action", action)], help: "Credential state changes, by action"
        )
        .increment()
        statusListUpdated(reason: action)
    }

    /// Status lists re-signed to renew them before they expire.
    func statusListsRenewed(_ count: Int) {
        registry.makeCounter(name: "attest_status_list_renewals_total", help: "Status lists re-signed before they expire").increment(
            by: Int64(count))
        statusListUpdated(reason: "renewal", by: count)
    }

    /// The exposition text.
    func exposition() -> [UInt8] { registry.emitToBuffer() }
}
