import Foundation
import IssuerCore
import Testing

/// Holding a completion tells the reviewers: one email row per active reviewer or administrator,
/// written with the hold, about the completion.
@Suite("Review notices")
struct ReviewNoticeTests {
    @Test("a held completion queues one email per active reviewer and admin; issuers, viewers and disabled accounts get none")
    func heldCompletionNotifiesReviewers() async throws {
        let fixture = try await IssuerFixture()
        let at = IssuerFixture.start
        try await fixture.store.write { transaction in
            for (id, email, role, disabled) in [
                ("stf-1", "rita@example.org", StaffRole.reviewer, false), ("stf-2", "ADA@example.org", .admin, false),
                ("stf-3", "ivan@example.org", .issuer, false), ("stf-4", "vera@example.org", .viewer, false),
                ("stf-5", "old@example.org", .reviewer, true),
            ] {
                try transaction.saveStaffMember(
                    StaffMember(id: id, email: email, name: id, role: role, createdAt: at, disabledAt: disabled ? at : nil))
            }
        }
        let outcome = try await fixture.pipeline().intake(IssuerFixture.event(score: 81))
        guard case .held(let completionID, _) = outcome else { throw IssuerError(.invalidState, "not held: \(outcome)") }
        let emails = try await fixture.store.read { try $0.outboxMessages(state: nil) }.filter {
            $0.channel == .email && $0.event == .completionHeldForReview
        }
        #expect(Set(emails.compactMap(\.recipient)) == ["rita@example.org", "ada@example.org"])
        #expect(emails.allSatisfy { $0.subjectID == completionID })
        // An issued completion tells nobody.
        _ = try await fixture.pipeline().intake(IssuerFixture.event(id: "evt-2", learner: "u-2"))
        let after = try await fixture.store.read { try $0.outboxMessages(state: nil) }.filter { $0.event == .completionHeldForReview }
        #expect(after.filter { $0.channel == .email }.count == 2)
    }

    @Test("the console link names the completion")
    func consolePath() {
        #expect(ReviewNotice.consolePath(completionID: "cmp-abc") == "/console/review/cmp-abc")
    }
}
