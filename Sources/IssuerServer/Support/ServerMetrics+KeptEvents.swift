import Foundation
import IssuerCore
import Prometheus

extension ServerMetrics {
    /// Sets `attest_completions_kept` from the store (one `GROUP BY`): completion events kept
    /// undecided because no program maps their course (`unmapped`) or their program is disabled
    /// (`disabled`). Anything above zero is configuration drift to look at.
    func refreshKeptEvents(from store: any IssuerStore) async throws {
        let counts = try await store.read { try $0.parkedEventCounts() }
        for state in ParkedState.allCases {
            registry.makeGauge(
                name: "attest_completions_kept", labels: [("state", state.rawValue)],
                help: "Completion events kept undecided: no program maps their course (unmapped), or their program is disabled"
            ).set(Double(counts[state] ?? 0))
        }
    }
}
