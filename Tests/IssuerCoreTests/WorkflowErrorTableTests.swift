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

    @Test("prerequisite missing: not issued, the answer names what is missing, and the learner is emailed once")
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
        #expect(CompletionRulesEngine.missingPrerequisites(in: reasons) == ["first-aid"])
        // A replay changes nothing, so the learner is not told twice.
        #expect(try await fixture.pipeline().intake(IssuerFixture.event(id: "p-1")) == .duplicate(completionID: completionID, state: .rejected))
        try await fixture.store.read { (reading: any IssuerReading) throws in
            #expect(try reading.credentialSummaries(filter: CredentialFilter()).isEmpty)
            #expect(try reading.completion(id: completionID)?.reasons == reasons)
            let emails = try reading.outboxMessages(state: nil).filter { $0.event == .completionPrerequisitesMissing }
            #expect(emails.map(\.subjectID) == [completionID])
            #expect(emails.map(\.recipient) == ["zoe@example.org"] && emails.map(\.channel) == [.email])
        }
        // Rejected for another reason (a program without prerequisites): no such email.
        let other = try await IssuerFixture()
        guard case .rejected = try await other.pipeline().intake(IssuerFixture.event(id: "p-2", score: 10)) else {
            Issue.record("a score of 10 is rejected")
            return
        }
        #expect(try await other.store.read { try $0.outboxMessages(state: nil) }.isEmpty)
    }

    @Test(
        "invalid learner data: held (kept invalidLearner), never a learner or certificate made from it",
        arguments: [
            (IssuerFixture.event(name: "  "), "the learner name is empty"),
            (IssuerFixture.event(email: "not-an-email"), "\"not-an-email\" is not a valid email address"),
            (IssuerFixture.event(email: "a@b"), "\"a@b\" is not a valid email address"),
            (IssuerFixture.event(name: "Bad\u{0007}Name"), "the learner name contains control characters"),
            (IssuerFixture.event(email: "\u{1B}[2J@example.org"), #""\u{1B}[2J@example.org" is not a valid email address"#),
        ])
    func invalidLearnerDataIsHeld(event: CompletionEvent, problem: String) async throws {
        let fixture = try await IssuerFixture()
        let outcome = try await fixture.pipeline().intake(event)
        guard case .parked(let keptID, .invalidLearner, let reason) = outcome else {
            Issue.record("expected the event to be kept, got \(outcome)")
            return
        }
        #expect(reason.hasPrefix(problem + "; it is decided when staff correct it"), "\(reason)")
        // The same report again is answered the same; nothing is kept twice.
        #expect(try await fixture.pipeline().intake(event) == outcome)
        try await fixture.store.read { (reading: any IssuerReading) throws in
            #expect(try reading.parkedEventCounts() == [.invalidLearner: 1])
            #expect(try reading.parkedEvent(id: keptID)?.event == event)
            #expect(try reading.completions(state: nil).isEmpty && reading.learner(externalID: "u-1") == nil)
            #expect(try reading.auditEntries(from: 0, limit: 10).map(\.kind) == ["completion.kept"])
        }
        // A person handing the same data in directly is told at once instead.
        var direct = event
        direct.eventID = "direct-1"
        await #expect { try await fixture.pipeline().intake(direct, channel: .direct) } throws: { ($0 as? IssuerError)?.reason == problem }
    }

    @Test("invalid learner data: staff correct it, and it is decided once, audited under them")
    func invalidLearnerDataIsCorrectedByStaff() async throws {
        let fixture = try await IssuerFixture()
        let outcome = try await fixture.pipeline().intake(IssuerFixture.event(id: "c-1", email: "zoe(at)example.org"))
        guard case .parked(let keptID, .invalidLearner, _) = outcome else {
            Issue.record("expected the event to be kept, got \(outcome)")
            return
        }
        let administration = IssuerAdministration(environment: fixture.environment, actor: "staff:support-1")
        // Still invalid, or without a note: refused, nothing changes.
        await #expect { try await administration.correctKeptEvent(keptID, .init(email: "zoe@"), note: "from HR") } throws: {
            ($0 as? IssuerError)?.code == .invalidRequest
        }
        await #expect { try await administration.correctKeptEvent(keptID, .init(email: "zoe@example.org"), note: " ") } throws: {
            ($0 as? IssuerError)?.code == .invalidRequest
        }
        #expect(try await fixture.store.read { try $0.parkedEvent(id: keptID) } != nil)
        let decided = try await administration.correctKeptEvent(keptID, .init(email: "zoe@example.org"), note: "address from HR")
        let credentialID = try #require(decided.issuedCredentialID)
        try await fixture.store.read { (reading: any IssuerReading) throws in
            #expect(try reading.credential(id: credentialID)?.state == .active)
            #expect(try reading.learner(externalID: "u-1")?.email == "zoe@example.org")
            #expect(try reading.parkedEventCounts().isEmpty)
            let entries = try reading.auditEntries(from: 0, limit: 100)
            let corrected = try #require(entries.first { $0.kind == "completion.corrected" })
            #expect(corrected.actor == "staff:support-1" && corrected.subject == keptID)
            #expect(try JSONValue.parse(corrected.data) == ["fields": ["email"], "note": "address from HR"])
            #expect(entries.filter { $0.kind == "completion.decided" }.count == 1)
        }
        // Corrected once: the id is gone, so a second correction finds nothing.
        await #expect { try await administration.correctKeptEvent(keptID, .init(email: "z@example.org"), note: "again") } throws: {
            ($0 as? IssuerError)?.code == .notFound
        }
    }

    @Test("invalid learner data: the LMS sending the same event again with valid data decides it")
    func invalidLearnerDataIsCorrectedByTheReporter() async throws {
        let fixture = try await IssuerFixture()
        guard case .parked(let keptID, .invalidLearner, _) = try await fixture.pipeline().intake(IssuerFixture.event(id: "r-1", name: ""))
        else {
            Issue.record("expected the event to be kept")
            return
        }
        let decided = try await fixture.pipeline().intake(IssuerFixture.event(id: "r-1"))
        #expect(decided.issuedCredentialID != nil, "\(decided)")
        #expect(try await fixture.pipeline().intake(IssuerFixture.event(id: "r-1")) == .duplicate(completionID: decided.completionID, state: .issued))
        try await fixture.store.read { (reading: any IssuerReading) throws in
            #expect(try reading.parkedEvent(id: keptID) == nil)
            let released = try #require(try reading.auditEntries(from: 0, limit: 100).first { $0.kind == "completion.released" })
            #expect(released.subject == keptID)
        }
    }

    @Test("a kept event is discarded with a reason: audited, nothing decided")
    func keptEventIsDiscarded() async throws {
        let fixture = try await IssuerFixture()
        let kept = try await fixture.pipeline().intake(IssuerFixture.event(id: "d-1", email: "nobody"))
        let administration = IssuerAdministration(environment: fixture.environment, actor: "staff:admin-1")
        await #expect { try await administration.discardKeptEvent(kept.completionID, reason: "") } throws: {
            ($0 as? IssuerError)?.code == .invalidRequest
        }
        try await administration.discardKeptEvent(kept.completionID, reason: "a test account")
        try await fixture.store.read { (reading: any IssuerReading) throws in
            #expect(try reading.parkedEventCounts().isEmpty && reading.completions(state: nil).isEmpty)
            let discarded = try #require(try reading.auditEntries(from: 0, limit: 100).first { $0.kind == "completion.discarded" })
            #expect(discarded.actor == "staff:admin-1")
            #expect(try JSONValue.parse(discarded.data)["reason"] == "a test account")
        }
    }

    @Test("missing program: an event naming a program that does not exist is held, then decided once the program is added")
    func missingProgramIsHeldUntilAdded() async throws {
        let fixture = try await IssuerFixture()
        var event = IssuerFixture.event(id: "m-1")
        event.programID = "first-aid"
        let outcome = try await fixture.pipeline().intake(event)
        guard case .parked(let keptID, .unknownProgram, let reason) = outcome else {
            Issue.record("expected the event to be kept, got \(outcome)")
            return
        }
        #expect(reason == "there is no program first-aid; it is decided when a program with that id is added")
        // A person issuing directly is told at once.
        event.eventID = "m-direct"
        await #expect { try await fixture.pipeline().intake(event, channel: .direct) } throws: {
            ($0 as? IssuerError)?.code == .unknownProgram
        }
        var firstAid = IssuerFixture.program
        firstAid.id = "first-aid"
        let released = try await IssuerAdministration(environment: fixture.environment, actor: "cli").saveProgram(firstAid)
        #expect(released.count == 1 && released.first?.issuedCredentialID != nil, "\(released)")
        try await fixture.store.read { (reading: any IssuerReading) throws in
            #expect(try reading.parkedEvent(id: keptID) == nil)
            #expect(try reading.credentialSummaries(filter: CredentialFilter(programID: "first-aid")).count == 1)
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
