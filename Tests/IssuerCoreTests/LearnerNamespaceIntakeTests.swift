import Foundation
import IssuerCore
import Testing

/// Issue 14, point 3: a reporting system reaches only its own learners, and only accepted
/// completions change what is stored about them.
@Suite("Intake: learners are scoped by the system that reports them")
struct LearnerNamespaceIntakeTests {
    static let school = LearnerNamespace.apiKey(named: "school-lms")
    static let intruder = LearnerNamespace.apiKey(named: "second-lms")

    static func pipeline(_ fixture: IssuerFixture, _ namespace: LearnerNamespace) -> IssuancePipeline {
        IssuancePipeline(environment: fixture.environment, actor: "api:\(namespace.rawValue.dropFirst(4))", namespace: namespace)
    }

    static func audit(_ fixture: IssuerFixture, kind: String) async throws -> [AuditEntry] {
        try await fixture.store.read { try $0.auditEntries(from: 1, limit: 1000) }.filter { $0.kind == kind }
    }

    @Test func anotherSystemWithTheSameExternalIDNeverTouchesTheLearner() async throws {
        let fixture = try await IssuerFixture()
        let victimEvent = IssuerFixture.event(id: "evt-1", learner: "u-1001", name: "Vera Victim", email: "vera@example.org")
        let issued = try await Self.pipeline(fixture, Self.school).intake(victimEvent)
        guard case .issued(_, let credentialID) = issued else { Issue.record("not issued: \(issued)"); return }
        let victim = try #require(try await fixture.store.read { try $0.learner(namespace: Self.school, externalID: "u-1001") })

        // The attack: a second key posts the same external id with the attacker's address and a failing score.
        var attack = IssuerFixture.event(id: "evt-1", learner: "u-1001", name: "Mallory", email: "mallory@example.net", score: 10)
        attack.source = "second-lms"
        let outcome = try await Self.pipeline(fixture, Self.intruder).intake(attack)
        guard case .rejected = outcome else { Issue.record("expected a rejection: \(outcome)"); return }

        let after = try #require(try await fixture.store.read { try $0.learner(id: victim.id) })
        #expect(after == victim)
        #expect(after.email == "vera@example.org" && after.legalName == "Vera Victim")
        // The intruder's report made a learner of its own, who holds nothing of the victim's.
        let theirs = try #require(try await fixture.store.read { try $0.learner(namespace: Self.intruder, externalID: "u-1001") })
        #expect(theirs.id != victim.id)
        #expect(try await fixture.store.read { try $0.learners(email: "mallory@example.net", limit: 10) }.map(\.id) == [theirs.id])
        let held = try await fixture.store.read { try $0.credentials(filter: CredentialFilter(learnerID: theirs.id)) }
        #expect(held.isEmpty)
        #expect(try await fixture.store.read { try $0.credential(id: credentialID)?.learnerID } == victim.id)
        #expect(try await Self.audit(fixture, kind: "learner.emailChanged").isEmpty)

        // Even an accepted completion from the other system stays with its own learner.
        var passing = IssuerFixture.event(id: "evt-2", learner: "u-1001", name: "Mallory", email: "mallory@example.net")
        passing.source = "second-lms"
        _ = try await Self.pipeline(fixture, Self.intruder).intake(passing)
        #expect(try await fixture.store.read { try $0.learner(id: victim.id) } == victim)
    }

    @Test func theSameSystemMovesItsLearnerToANewAddressAudited() async throws {
        let fixture = try await IssuerFixture()
        let pipeline = Self.pipeline(fixture, Self.school)
        _ = try await pipeline.intake(IssuerFixture.event(id: "evt-1", learner: "u-7", email: "old@example.org"))
        let learner = try #require(try await fixture.store.read { try $0.learner(namespace: Self.school, externalID: "u-7") })
        // A later accepted completion (here: already held, the same program) with a new address.
        _ = try await pipeline.intake(IssuerFixture.event(id: "evt-2", learner: "u-7", email: "new@example.org"))
        #expect(try await fixture.store.read { try $0.learner(id: learner.id)?.email } == "new@example.org")
        let entries = try await Self.audit(fixture, kind: "learner.emailChanged")
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry.subject == learner.id)
        #expect(entry.data.contains("\"old\":\"old@example.org\"") && entry.data.contains("\"new\":\"new@example.org\""))
    }

    @Test(arguments: [
        ("rejected", 10.0),  // below the minimum score
        ("held", 81.0),  // passing, but within 2 points of it: review
    ])
    func aRejectedOrHeldCompletionChangesNothingAboutTheLearner(kind: String, score: Double) async throws {
        let fixture = try await IssuerFixture()
        let pipeline = Self.pipeline(fixture, Self.school)
        _ = try await pipeline.intake(IssuerFixture.event(id: "evt-1", learner: "u-8", name: "Ana Souza", email: "ana@example.org"))
        let before = try #require(try await fixture.store.read { try $0.learner(namespace: Self.school, externalID: "u-8") })
        // Another completion (three days before), so not a second report of the first (a score discrepancy, held).
        let outcome = try await pipeline.intake(
            IssuerFixture.event(
                id: "evt-2", learner: "u-8", name: "Somebody Else", email: "else@example.net", score: score,
                completedAt: IssuerFixture.start.addingTimeInterval(-3 * 86_400)))
        switch (kind, outcome) {
        case ("rejected", .rejected), ("held", .held): break
        default: Issue.record("unexpected outcome \(outcome) for \(kind)")
        }
        #expect(try await fixture.store.read { try $0.learner(id: before.id) } == before)
        #expect(try await Self.audit(fixture, kind: "learner.emailChanged").isEmpty)
        #expect(try await Self.audit(fixture, kind: "learner.renamed").isEmpty)
    }

    @Test func approvingAHeldCompletionTakesItsNewAddress() async throws {
        let fixture = try await IssuerFixture()
        let pipeline = Self.pipeline(fixture, Self.school)
        _ = try await pipeline.intake(IssuerFixture.event(id: "evt-1", learner: "u-9", email: "first@example.org"))
        let held = try await pipeline.intake(IssuerFixture.event(id: "evt-2", learner: "u-9", email: "second@example.org", score: 81))
        guard case .held(let completionID, _) = held else { Issue.record("not held: \(held)"); return }
        #expect(try await fixture.store.read { try $0.learner(namespace: Self.school, externalID: "u-9")?.email } == "first@example.org")
        _ = try await ReviewDecisions(environment: fixture.environment, reviewer: "reviewer").approve(completionID, note: nil)
        #expect(try await fixture.store.read { try $0.learner(namespace: Self.school, externalID: "u-9")?.email } == "second@example.org")
        #expect(try await Self.audit(fixture, kind: "learner.emailChanged").count == 1)
    }

    @Test func aNameOnAnIssuedCertificateChangesOnlyThroughReissue() async throws {
        let fixture = try await IssuerFixture()
        let pipeline = Self.pipeline(fixture, Self.school)
        _ = try await pipeline.intake(IssuerFixture.event(id: "evt-1", learner: "u-10", name: "Jo Bloggs"))
        _ = try await pipeline.intake(IssuerFixture.event(id: "evt-2", learner: "u-10", name: "Joanna Bloggs"))
        #expect(try await fixture.store.read { try $0.learner(namespace: Self.school, externalID: "u-10")?.legalName } == "Jo Bloggs")
        #expect(try await Self.audit(fixture, kind: "learner.nameNotChanged").count == 1)
    }

    @Test func theOperatorsToolsShareTheLocalNamespace() async throws {
        let fixture = try await IssuerFixture()
        _ = try await fixture.pipeline().intake(IssuerFixture.event(id: "evt-1", learner: "emp-1"))
        let learner = try await fixture.store.read { try $0.learner(namespace: .local, externalID: "emp-1") }
        #expect(learner?.namespace == .local)
        #expect(try await fixture.store.read { try $0.learner(namespace: Self.school, externalID: "emp-1") } == nil)
    }
}
