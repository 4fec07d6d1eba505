import Foundation
import IssuerCore
import Prometheus

extension ServerMetrics {
    /// The buckets of `attest_time_to_credential_seconds`: a minute to a week, since the clock starts
    /// when the learner completed the program, not when the LMS reported it.
    static let timeToCredentialBuckets: [Double] = [60, 300, 900, 3_600, 14_400, 86_400, 259_200, 604_800]

    /// One intake's decision: `attest_completions_total` by outcome, `attest_decisions_total` by the
    /// rules' outcome, every reason in `attest_decision_reasons_total`, and a hold in
    /// `attest_escalations_total`. Replays (`duplicate`) are not decisions.
    func completionReceived(_ outcome: IntakeOutcome) {
        completionReceived(outcome: APIRoutes.outcomeName(outcome))
        let decision: String
        var reasons: [String] = []
        switch outcome {
        case .duplicate, .shadowed, .parked: return
        case .issued, .alreadyHeld, .scheduled: decision = "issue"
        case .held(_, let why):
            decision = "review"
            reasons = why
            registry.makeCounter(name: "attest_escalations_total", help: "Completions held for a person to review").increment()
        case .rejected(_, let why):
            decision = "reject"
            reasons = why
        }
        registry.makeCounter(
            name: "attest_decisions_total", labels: [("outcome", decision)], help: "Decisions of the completion rules, by outcome"
        ).increment()
        for reason in reasons {
            registry.makeCounter(
                name: "attest_decision_reasons_total", labels: [("outcome", decision), ("reason", Self.reasonLabel(reason))],
                help: "Reasons given for holds and rejections, by outcome and rule"
            ).increment()
        }
    }

    /// Time from the learner's completion (`completedAt`) to the credential's issuance (`issuedAt`).
    func timeToCredential(completedAt: Date, issuedAt: Date) {
        registry.makeValueHistogram(
            name: "attest_time_to_credential_seconds", buckets: Self.timeToCredentialBuckets,
            help: "Time from the learner completing the program to the credential being issued"
        ).record(max(0, issuedAt.timeIntervalSince(completedAt)))
    }

    /// A credential the rules decided to issue that could not be signed and stored.
    func issuanceFailed() {
        registry.makeCounter(name: "attest_issuance_errors_total", help: "Credentials decided but not issued because of an error")
            .increment()
    }

    /// A status list re-signed, and why (`revoke`, `suspend`, `reinstate`, `reissue`, `renewal`).
    func statusListUpdated(reason: String, by count: Int = 1) {
        registry.makeCounter(
            name: "attest_status_list_updates_total", labels: [("reason", reason)], help: "Status lists re-signed, by reason"
        ).increment(by: Int64(count))
    }

    /// The rule a reason sentence comes from: a fixed set (``DecisionRule``, the names the
    /// agreement report uses too), so learners' data never makes a series.
    static func reasonLabel(_ sentence: String) -> String { DecisionRule.name(of: sentence) }
}
