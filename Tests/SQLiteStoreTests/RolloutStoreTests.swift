import Foundation
import IssuerCore
import Testing

/// Rollout settings, shadow decisions and the check list read back the same from every store, and
/// each store refuses a second shadow decision for the same event (issue 19 point 1).
@Suite("Rollout store")
struct RolloutStoreTests {
    @Test(arguments: StoreKind.allCases)
    func rolloutStateRoundTrips(kind: StoreKind) async throws {
        let scratch = try TemporaryDirectory()
        let store = try kind.makeStore(in: scratch)
        let setting = ProgramRollout(
            programID: "working-at-height", mode: .monitored, samplePerMille: 25, firstCount: 7, firstEntered: 3,
            changedAt: Samples.date(5),
            changedBy: "staff:stf-1")
        let shadow = ShadowDecisionRecord(
            id: "shd-1", event: Samples.event("e-1"), namespace: .apiKey(named: "moodle"), decision: .reject,
            reasons: ["score 60 is below the minimum of 80"], decidedAt: Samples.date(6))
        let later = ShadowDecisionRecord(
            id: "shd-2", event: Samples.event("e-2", learner: 2), namespace: .local, decision: .issue, reasons: [],
            decidedAt: Samples.date(7))
        let check = RolloutCheck(
            credentialID: "cred-1", programID: "working-at-height", learnerID: "lrn-1", reason: .sample, enteredAt: Samples.date(20),
            dueAt: Samples.date(20 + 14_400))
        try await store.write { transaction in
            try Samples.seed(in: transaction)
            try transaction.insertCredential(Samples.credential("cred-1", revocationIndex: 5))
            try transaction.saveProgramRollout(setting)
            try transaction.saveShadowDecision(later)
            try transaction.saveShadowDecision(shadow)
            try transaction.saveRolloutCheck(check)
        }
        let stored = try await store.read { reading in
            (
                try reading.programRollout(programID: "working-at-height"), try reading.programRollout(programID: "other"),
                try reading.shadowDecision(source: "lms", eventID: "e-1"), try reading.shadowDecisions(programID: "working-at-height"),
                try reading.shadowDecisions(programID: "other"), try reading.rolloutCheck(credentialID: "cred-1"),
                try reading.rolloutChecks(programID: nil, state: .open),
                try reading.rolloutChecks(programID: "working-at-height", state: .confirmed),
                try reading.completions(programID: "working-at-height").map(\.id)
            )
        }
        #expect(stored.0 == setting)
        #expect(stored.1 == nil)
        #expect(stored.2 == shadow)
        #expect(stored.3 == [shadow, later])
        #expect(stored.4.isEmpty)
        #expect(stored.5 == check)
        #expect(stored.6 == [check])
        #expect(stored.7.isEmpty)
        #expect(stored.8 == ["cmp-1"])

        // The same event twice is refused, and the first decision stays.
        let again = ShadowDecisionRecord(
            id: "shd-3", event: Samples.event("e-1"), namespace: .local, decision: .issue, reasons: [], decidedAt: Samples.date(8))
        let refused: Bool
        do {
            try await store.write { try $0.saveShadowDecision(again) }
            refused = false
        } catch is IssuerError {
            refused = true
        }
        #expect(refused)
        let kept = try await store.read { try $0.shadowDecision(source: "lms", eventID: "e-1")?.id }
        #expect(kept == "shd-1")

        // Updates replace: the mode, a decision marked issued, a check confirmed.
        var confirmed = check
        confirmed.state = .confirmed
        confirmed.decidedBy = "cli"
        confirmed.decidedAt = Samples.date(30)
        var issued = later
        issued.issuedCompletionID = "cmp-1"
        var full = setting
        full.mode = .full
        try await store.write { [confirmed, issued, full] transaction in
            try transaction.saveRolloutCheck(confirmed)
            try transaction.saveShadowDecision(issued)
            try transaction.saveProgramRollout(full)
        }
        let changed = try await store.read { reading in
            (
                try reading.rolloutChecks(programID: "working-at-height", state: .confirmed),
                try reading.rolloutChecks(programID: nil, state: .open), try reading.shadowDecision(source: "lms", eventID: "e-2"),
                try reading.programRollout(programID: "working-at-height")
            )
        }
        #expect(changed.0 == [confirmed])
        #expect(changed.1.isEmpty)
        #expect(changed.2?.issuedCompletionID == "cmp-1")
        #expect(changed.3?.mode == .full)
    }
}
