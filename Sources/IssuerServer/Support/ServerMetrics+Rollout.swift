import Foundation
import IssuerCore

extension ServerMetrics {
    /// The post-issuance check list (issue 19 point 1): `attest_rollout_checks_open` and
    /// `attest_rollout_checks_overdue` (open past their deadline at `now`), set on each scrape.
    func refreshRolloutChecks(from store: any IssuerStore, now: Date) async throws {
        // Open checks are few (the first N of a program, or a sample), so they are read, not counted in SQL.
        let open = try await store.read { try $0.rolloutChecks(programID: nil, state: .open) }
        registry.makeGauge(name: "attest_rollout_checks_open", help: "Post-issuance checks waiting for a staff member")
            .set(Double(open.count))
        registry.makeGauge(name: "attest_rollout_checks_overdue", help: "Post-issuance checks still open after their deadline")
            .set(Double(open.count { $0.isOverdue(at: now) }))
    }
}
