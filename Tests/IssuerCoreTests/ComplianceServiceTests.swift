import CanonicalJSON
import Foundation
import IssuerCore
import Testing
import VerifiableCredentials

@Suite("Compliance certificates follow the training: issue, suspend, reinstate, reissue")
struct ComplianceServiceTests {
    static let configuration = TrainingConfiguration(
        id: "site-electricians", group: "Site electricians",
        modules: [
            TrainingModule(id: "electrical-safety", name: "Electrical safety", validity: "P1Y"),
            TrainingModule(id: "live-demo", name: "Live demo", validity: "PT30S"),
            TrainingModule(id: "confined-spaces", name: "Confined spaces", validity: "P2Y", required: false),
        ],
        certificate: ComplianceCertificateSettings(enabled: true), reminderLeadTime: "PT10S")

    struct Setup {
        let fixture: IssuerFixture
        let service: ComplianceService
        let worker: Learner
    }

    func setUp() async throws -> Setup {
        let fixture = try await IssuerFixture()
        let service = ComplianceService(environment: fixture.environment, actor: "test")
        try await service.saveConfiguration(Self.configuration)
        let worker = try await service.worker("W-1001", email: "ana@example.org", name: "Ana Lima")
        try await service.join(learnerID: worker.id, configurationID: Self.configuration.id)
        return Setup(fixture: fixture, service: service, worker: worker)
    }

    func completeAll(_ setup: Setup) async throws -> ComplianceOutcome {
        try await setup.service.complete(learnerID: setup.worker.id, moduleID: "electrical-safety")
        return try #require(try await setup.service.complete(learnerID: setup.worker.id, moduleID: "live-demo").first)
    }

    func suspensionBit(_ fixture: IssuerFixture, _ id: String) async throws -> Int {
        try await fixture.store.read { reading in
            let record = try #require(try reading.credential(id: id))
            let list = try #require(try reading.statusList(id: record.suspensionList))
            let signed = try JSONValue.parse(bytes: try #require(list.signedCredentialJSON))
            let credential = try StatusListCredential(json: signed, now: fixture.clock.now)
            return try credential.status(
                for: BitstringStatusListEntry(
                    statusPurpose: .suspension, statusListIndex: record.suspensionIndex,
                    statusListCredential: "https://certs.example.org/status/\(record.suspensionList)")
            ).status
        }
    }

    func outbox(_ fixture: IssuerFixture) async throws -> [OutboxMessage] {
        try await fixture.store.read { try $0.outboxMessages(state: nil) }
    }

    @Test("completing every required module issues a compliance credential signing each module with its dates, emailed")
    func issuesOnCompletion() async throws {
        let setup = try await setUp()
        let partial = try await setup.service.complete(learnerID: setup.worker.id, moduleID: "electrical-safety")
        #expect(partial.first?.action == ComplianceOutcome.Action.none)
        let outcome = try await setup.service.complete(learnerID: setup.worker.id, moduleID: "live-demo")
        guard case .issued(let id) = try #require(outcome.first).action else { Issue.record("not issued: \(outcome)"); return }
        let record = try #require(try await setup.fixture.store.read { try $0.credential(id: id) })
        #expect(record.state == .active)
        #expect(record.programID == "compliance-site-electricians")
        #expect(record.validUntil == nil, "the status follows the training; the credential itself does not expire")
        let signed = try JSONValue.parse(bytes: try #require(record.credentialJSON))
        let evidence = signed["evidence"]?.asArray ?? []
        #expect(evidence.compactMap { $0["name"]?.stringValue } == ["Electrical safety", "Live demo"], "names as people read them")
        #expect(evidence.first?["narrative"]?.stringValue == "Completed on 2026-11-23, expires on 2027-11-23")
        let report = await (try await setup.fixture.verifier()).verify(signed)
        #expect(report.checks.first { $0.check == "proof" }?.outcome == .pass)
        let messages = try await outbox(setup.fixture)
        #expect(messages.contains { $0.channel == .email && $0.event == .credentialIssued && $0.recipient == "ana@example.org" })
        #expect(messages.contains { $0.channel == .webhook && $0.event == .credentialIssued })
    }

    @Test("a module expiring suspends within one tick (bit set, audited, webhook, email); completing it reinstates the same credential")
    func expiryAndRevalidation() async throws {
        let setup = try await setUp()
        let issued = try await completeAll(setup)
        let id = try #require(issued.credentialID)
        let scheduler = ComplianceScheduler(environment: setup.fixture.environment, interval: .milliseconds(200))
        setup.fixture.clock.advance(by: 29)
        let early = await scheduler.tick()
        #expect(early.allSatisfy { $0.action == .none }, "the reminder window (10 s lead) is due, not the expiry")
        #expect(try await outbox(setup.fixture).filter { $0.event == ComplianceService.reminderEmailEvent }.count == 1)
        setup.fixture.clock.advance(by: 1)
        let outcomes = await scheduler.tick()
        #expect(outcomes.map(\.action) == [.suspended(credentialID: id)])
        #expect(try await suspensionBit(setup.fixture, id) == 1)
        let record = try #require(try await setup.fixture.store.read { try $0.credential(id: id) })
        #expect(record.stateReason == "training incomplete: Live demo (expired)")
        let audit = try await setup.fixture.store.read { try $0.auditEntries(from: 1, limit: 1000) }
        #expect(audit.contains { $0.kind == "credential.suspended" && $0.actor == "compliance-scheduler" })
        let messages = try await outbox(setup.fixture)
        #expect(messages.contains { $0.channel == .webhook && $0.event == .credentialSuspended && $0.subjectID == id })
        #expect(messages.filter { $0.event == ComplianceService.invalidEmailEvent }.map(\.recipient) == ["ana@example.org"])
        #expect(await scheduler.tick().isEmpty, "nothing is due until the next change")

        let again = try await setup.service.complete(learnerID: setup.worker.id, moduleID: "live-demo")
        #expect(again.map(\.action) == [.reinstated(credentialID: id)])
        #expect(try await suspensionBit(setup.fixture, id) == 0)
        let credentials = try await setup.fixture.store.read { try $0.credentials(filter: CredentialFilter()) }
        #expect(credentials.count == 1, "revalidation never needs a new credential")
    }

    @Test("a newly assigned module suspends; once done, a new credential supersedes the old one (the requirement changed)")
    func newAssignmentReissues() async throws {
        let setup = try await setUp()
        let id = try #require(try await completeAll(setup).credentialID)
        let assigned = try await setup.service.assign(
            learnerID: setup.worker.id, configurationID: Self.configuration.id, moduleID: "confined-spaces")
        #expect(assigned.action == .suspended(credentialID: id))
        #expect(assigned.state.unmet.map(\.id) == ["confined-spaces"])
        let done = try #require(try await setup.service.complete(learnerID: setup.worker.id, moduleID: "confined-spaces").first)
        guard case .reissued(let oldID, let newID) = done.action else { Issue.record("not reissued: \(done.action)"); return }
        #expect(oldID == id)
        let (old, new) = try await setup.fixture.store.read { (try $0.credential(id: oldID)!, try $0.credential(id: newID)!) }
        #expect(old.state == .superseded)
        #expect(old.supersededBy == newID)
        #expect(new.state == .active)
        #expect(new.supersedes == oldID)
        let signed = try JSONValue.parse(bytes: try #require(new.credentialJSON))
        #expect(signed["evidence"]?.asArray.count == 3)
    }

    @Test("removing a completion suspends; a person's own suspension is never lifted by the training")
    func removalAndManualSuspension() async throws {
        let setup = try await setUp()
        let id = try #require(try await completeAll(setup).credentialID)
        let removed = try await setup.service.uncomplete(learnerID: setup.worker.id, moduleID: "electrical-safety", reason: "wrong person")
        #expect(removed.map(\.action) == [.suspended(credentialID: id)])
        let history = try await setup.fixture.store.read { [worker = setup.worker] in try $0.trainingCompletions(learnerID: worker.id) }
        #expect(history.contains { $0.moduleID == "electrical-safety" && $0.removalReason == "wrong person" })
        #expect(
            try await setup.service.complete(learnerID: setup.worker.id, moduleID: "electrical-safety").map(\.action) == [
                .reinstated(credentialID: id)
            ])

        try await CredentialChanges(environment: setup.fixture.environment, actor: "admin").suspend(id, reason: "under investigation")
        let after = try await setup.service.complete(learnerID: setup.worker.id, moduleID: "live-demo")
        #expect(after.map(\.action) == [ComplianceOutcome.Action.none])
        #expect(try await setup.fixture.store.read { try $0.credential(id: id) }?.state == .suspended)
    }

    @Test("adding a module to the group's requirement bumps the program version and suspends current holders")
    func configurationChange() async throws {
        let setup = try await setUp()
        let id = try #require(try await completeAll(setup).credentialID)
        var changed = Self.configuration
        changed.modules.append(TrainingModule(id: "arc-flash", name: "Arc flash", validity: "P1Y"))
        let outcomes = try await setup.service.saveConfiguration(changed)
        #expect(outcomes.map(\.action) == [.suspended(credentialID: id)])
        let program = try await setup.fixture.store.read { try $0.program(id: "compliance-site-electricians") }
        #expect(program?.version == 2)
        #expect(program?.template == .compliance)
    }

}
