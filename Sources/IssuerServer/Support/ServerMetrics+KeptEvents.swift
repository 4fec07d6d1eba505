import Foundation
import IssuerCore
import Prometheus

extension ServerMetrics {
    /// Sets `attest_completions_kept` from the store (one `GROUP BY`): completion events kept
    /// undecided because no program maps their course (`unmapped`), the program they name does not
    /// exist (`unknownProgram`) or is disabled (`disabled`), or their learner data is invalid
    /// (`invalidLearner`). Anything above zero is something to look at.
    func refreshKeptEvents(from store: any IssuerStore) async throws {
        let counts = try await store.read { try $0.parkedEventCounts() }
        for state in ParkedState.allCases {
            registry.makeGauge(
                name: "attest_completions_kept", labels: [("state", state.rawValue)],
                help:
                    "Completion events kept undecided: no program maps their course (unmapped), their program does not exist (unknownProgram) or is disabled (disabled), or their learner data is invalid (invalidLearner)"
            ).set(Double(counts[state] ?? 0))
        }
    }
}
