import CanonicalJSON
import Foundation
import IssuerCore
import Testing

/// Rows of the workflow's error table (Spec/workflow.md) that the intake and review decide: each
/// test names its row and fails when Attest stops behaving as the row says.
@Suite("The workflow error table")
struct WorkflowErrorTableTests {
    @Test("score discrepancy: a second report of the same completion more than 5 points away is held for review")
    func scoreDiscrepancyIsHeld() async throws {
        let fixture = try await IssuerFixture()
        let first = try await fixture.pipeline().intake(IssuerFixture.event(id: "r-1", score: 95))
        #expect(first.issuedCredentialID != nil)
        // 6 points away, the same day: held, with both scores named.
        let second = try await fixture.pipeline().intake(
            IssuerFixture.event(id: "r-2", score: 89, completedAt: IssuerFixture.start.addingTimeInterval(3_600)))
        guard case .held(_, let reasons) = second else {
            Issue.record("expected a hold, got \(second)")
            return
        }
        #expect(reasons.contains { $0.hasPrefix("the score 89 differs by more than 5 points from the score 95") }, "\(reasons)")
        // 5 points away is within the tolerance: the learner already holds it.
        guard case .alreadyHeld = try await fixture.pipeline().intake(IssuerFixture.event(id: "r-3", score: 90)) else {
            Issue.record("5 points is not a discrepancy")
            return
        }
        // A completion of another day is another completion, not a second report of this one.
        let later = IssuerFixture.event(id: "r-4", score: 85, completedAt: IssuerFixture.start.addingTimeInterval(3 * 86_400))
        guard case .alreadyHeld = try await fixture.pipeline().intake(later) else {
            Issue.record("a completion two days later is not a second report")
            return
        }
    }

    @Test("identity mismatch: a certificate name more than two characters from the LMS profile name is held")
    func identityMismatchIsHeld() async throws {
        let fixture = try await IssuerFixture()
        // "Zoë Åkesson" against "Zoe Akesson": two characters (accents) apart, the same person.
        #expect(try await fixture.pipeline().intake(IssuerFixture.event(id: "i-1", profileName: "Zoe Akesson")).issuedCredentialID != nil)
        // Three apart: held, saying both names.
        let held = try await fixture.pipeline().intake(IssuerFixture.event(id: "i-2", learner: "u-2", profileName: "Zoe Akessen"))
        guard case .held(_, let reasons) = held else {
            Issue.record("expected a hold, got \(held)")
            return
        }
        #expect(reasons == ["the certificate name \"Zoë Åkesson\" differs from the LMS profile name \"Zoe Akessen\""])
    }

    @Test("prerequisite missing: not issued, and the answer names what is missing")
    func missingPrerequisiteIsNotIssued() async throws {
        var program = IssuerFixture.program
        program.rules.prerequisites = ["first-aid"]
        let fixture = try await IssuerFixture(program: program)
        let outcome = try await fixture.pipeline().intake(IssuerFixture.event(id: "p-1"))
        guard case .rejected(let completionID, let reasons) = outcome else {
            Issue.record("expected a rejection, got \(outcome)")
            return
        }
        #expect(reasons == ["prerequisite programs not held: first-aid"])
        try await fixture.store.read { (reading: any IssuerReading) throws in
            #expect(try reading.credentialSummaries(filter: CredentialFilter()).isEmpty)
            #expect(try reading.completion(id: completionID)?.reasons == reasons)
        }
    }

    @Test("manual override by an admin: the held completion is issued, the override and its reason in the audit")
    func manualOverrideIsAudited() async throws {
        let fixture = try await IssuerFixture()
        let held = try await fixture.pipeline().intake(IssuerFixture.event(id: "o-1", score: 80.5))
        guard case .held(let completionID, _) = held else {
            Issue.record("expected a hold, got \(held)")
            return
        }
        let outcome = try await ReviewDecisions(environment: fixture.environment, reviewer: "staff:admin-1").approve(
            completionID, note: "assessor confirmed the practical by phone")
        let credentialID = try #require(outcome.issuedCredentialID)
        try await fixture.store.read { (reading: any IssuerReading) throws in
            #expect(try reading.credential(id: credentialID)?.state == .active)
            let approval = try #require(try reading.auditEntries(from: 0, limit: 1_000).first { $0.kind == "review.approved" })
            #expect(approval.actor == "staff:admin-1" && approval.subject == completionID)
            #expect(try JSONValue.parse(approval.data)["note"]?.stringValue == "assessor confirmed the practical by phone")
            let completion = try #require(try reading.completion(id: completionID))
            #expect(completion.reviewedBy == "staff:admin-1" && completion.reviewNote == "assessor confirmed the practical by phone")
        }
    }
}
