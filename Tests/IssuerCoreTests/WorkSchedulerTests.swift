import Foundation
import IssuerCore
import Testing
import VerifiableCredentials

/// Issue 19 points 6 and 7 on the in-memory store with a clock moved by hand: delayed issuance,
/// follow-ups and expiry reminders, each done once however often the scheduler ticks.
@Suite struct WorkSchedulerTests {
    static let day: TimeInterval = 86_400

    static func program(
        delay: String? = nil, validity: String? = "P1Y", followUps: [FollowUp]? = nil, reminders: [Int]? = nil
    ) -> Program {
        var program = IssuerFixture.program
        program.issuanceDelay = delay.flatMap(ISODuration.init)
        program.validity = validity.flatMap(ISODuration.init)
        program.followUps = followUps
        program.renewalURL = "https://training.example.org/renew"
        program.expiryReminders = reminders
        return program
    }

    static func scheduler(_ fixture: IssuerFixture) -> WorkScheduler {
        WorkScheduler(environment: fixture.environment, interval: .seconds(60))
    }

    static func messages(_ fixture: IssuerFixture, _ event: OutboxEvent) async throws -> [OutboxMessage] {
        try await fixture.store.read { try $0.outboxMessages(state: nil) }.filter { $0.event == event }
    }

    static func credentials(_ fixture: IssuerFixture) async throws -> [CredentialRecordSummary] {
        try await fixture.store.read { try $0.credentialSummaries(filter: CredentialFilter()) }
    }

    @Test func aDelayedCompletionIsIssuedOnlyAfterItsDelay() async throws {
        let fixture = try await IssuerFixture(program: Self.program(delay: "PT48H"))
        let outcome = try await fixture.pipeline().intake(IssuerFixture.event())
        guard case .scheduled(let completionID, let dueAt) = outcome else {
            Issue.record("expected scheduled, got \(outcome)")
            return
        }
        #expect(dueAt == IssuerFixture.start.addingTimeInterval(48 * 3600))
        let shown = try await ScheduledIssuances(environment: fixture.environment, actor: "test").scheduledIssuance(
            completionID: completionID)
        #expect(shown?.state == .scheduled)
        #expect(shown?.dueAt == dueAt)
        fixture.clock.advance(by: 47 * 3600)
        #expect(await Self.scheduler(fixture).tick().done == 0)
        #expect(try await Self.credentials(fixture).isEmpty)
        fixture.clock.advance(by: 3600)
        let tick = await Self.scheduler(fixture).tick()
        #expect(tick.issuedCredentialIDs.count == 1)
        #expect(await Self.scheduler(fixture).tick() == WorkScheduler.Tick())
        let credentials = try await Self.credentials(fixture)
        #expect(credentials.map(\.state) == [.active])
        #expect(try await Self.messages(fixture, .credentialIssued).count == 2)  // email + webhook, once
    }

    @Test func aWithdrawnCompletionIsNeverIssued() async throws {
        let fixture = try await IssuerFixture(program: Self.program(delay: "PT48H"))
        let outcome = try await fixture.pipeline().intake(IssuerFixture.event())
        try await ScheduledIssuances(environment: fixture.environment, actor: "cli:alice").withdraw(
            completionID: outcome.completionID, reason: "duplicate learner account")
        fixture.clock.advance(by: 49 * 3600)
        #expect(await Self.scheduler(fixture).tick().issuedCredentialIDs.isEmpty)
        #expect(try await Self.credentials(fixture).isEmpty)
        let completion = try await fixture.store.read { try $0.completion(id: outcome.completionID) }
        #expect(completion?.state == .rejected)
        // Withdrawing twice is refused: nothing waits any more.
        await #expect(throws: IssuerError.self) {
            try await ScheduledIssuances(environment: fixture.environment, actor: "cli:alice").withdraw(
                completionID: outcome.completionID, reason: "again")
        }
    }

    @Test func aHeldCompletionWaitsForItsReviewer() async throws {
        let fixture = try await IssuerFixture(program: Self.program(delay: "PT48H"))
        let outcome = try await fixture.pipeline().intake(IssuerFixture.event())
        try await ScheduledIssuances(environment: fixture.environment, actor: "cli:alice").hold(
            completionID: outcome.completionID, reason: "score looks odd")
        fixture.clock.advance(by: 49 * 3600)
        await Self.scheduler(fixture).tick()
        #expect(try await Self.credentials(fixture).isEmpty)
        let held = try await fixture.store.read { try $0.completions(state: .held) }
        #expect(held.map(\.id) == [outcome.completionID])
        let approved = try await ReviewDecisions(environment: fixture.environment, reviewer: "cli:bob").approve(
            outcome.completionID, note: nil)
        #expect(approved.issuedCredentialID != nil)
    }

    @Test func followUpsAreSentOnceEach() async throws {
        let followUps = [
            FollowUp(after: ISODuration("P7D")!, from: .issuance, event: "testimonial.request"),
            FollowUp(after: ISODuration("P30D")!, from: .claim, event: "reenrolment.offer"),
        ]
        let fixture = try await IssuerFixture(program: Self.program(followUps: followUps))
        let id = try #require(try await fixture.pipeline().intake(IssuerFixture.event()).issuedCredentialID)
        try await fixture.pipeline().finish(credentialID: id)
        fixture.clock.advance(by: Self.day)
        _ = try await CredentialClaims(environment: fixture.environment).recordClaim(credentialID: id, via: .page)
        fixture.clock.advance(by: 6 * Self.day)
        for _ in 0..<3 { await Self.scheduler(fixture).tick() }
        #expect(try await Self.messages(fixture, .credentialFollowUp).count == 1)
        fixture.clock.advance(by: 24 * Self.day - 1)
        await Self.scheduler(fixture).tick()
        #expect(try await Self.messages(fixture, .credentialFollowUp).count == 1)
        fixture.clock.advance(by: 1)
        for _ in 0..<3 { await Self.scheduler(fixture).tick() }
        let rows = try await Self.messages(fixture, .credentialFollowUp)
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.channel == .webhook })
        let details = try await fixture.store.read { reading in try rows.compactMap { try reading.scheduledWork(id: $0.subjectID)?.detail }
        }
        #expect(Set(details) == ["testimonial.request", "reenrolment.offer"])
    }

    @Test func remindersAt90_30And7DaysThenExpiredEachOnce() async throws {
        let fixture = try await IssuerFixture(program: Self.program())
        let id = try #require(try await fixture.pipeline().intake(IssuerFixture.event()).issuedCredentialID)
        let record = try await fixture.pipeline().finish(credentialID: id)
        let validUntil = try #require(record.validUntil)
        for (lead, expected) in [(91, 0), (90, 1), (31, 1), (30, 2), (8, 2), (7, 3)] {
            fixture.clock.advance(by: validUntil.addingTimeInterval(-Double(lead) * Self.day).timeIntervalSince(fixture.clock.now))
            for _ in 0..<2 { await Self.scheduler(fixture).tick() }
            let rows = try await Self.messages(fixture, .credentialExpiring)
            #expect(rows.filter { $0.channel == .email }.count == expected, "at \(lead) days")
            #expect(rows.filter { $0.channel == .webhook }.count == expected, "at \(lead) days")
            #expect(rows.filter { $0.channel == .email }.allSatisfy { $0.recipient == "zoe@example.org" })
        }
        #expect(try await Self.messages(fixture, .credentialExpired).isEmpty)
        fixture.clock.advance(by: validUntil.timeIntervalSince(fixture.clock.now))
        for _ in 0..<2 { await Self.scheduler(fixture).tick() }
        #expect(try await Self.messages(fixture, .credentialExpired).count == 1)
    }

    @Test func aRevokedCredentialGetsNoReminderNorExpiryNotice() async throws {
        let fixture = try await IssuerFixture(
            program: Self.program(followUps: [FollowUp(after: ISODuration("P7D")!, from: .issuance, event: "a.b")]))
        let id = try #require(try await fixture.pipeline().intake(IssuerFixture.event()).issuedCredentialID)
        let record = try await fixture.pipeline().finish(credentialID: id)
        _ = try await CredentialChanges(environment: fixture.environment, actor: "test").revoke(id, reason: "fraud")
        fixture.clock.advance(by: try #require(record.validUntil).timeIntervalSince(fixture.clock.now) + Self.day)
        let tick = await Self.scheduler(fixture).tick()
        #expect(tick.done == 0)
        #expect(tick.cancelled == 5)  // a follow-up, three reminders, the expiry notice
        for event in [OutboxEvent.credentialExpiring, .credentialExpired, .credentialFollowUp] {
            #expect(try await Self.messages(fixture, event).isEmpty)
        }
    }

    @Test(arguments: [
        (#""issuanceDelay": "PT0S""#, "issuanceDelay PT0S must be longer than zero"),
        (#""issuanceDelay": "P2Y""#, "issuanceDelay P2Y is longer than 366 days"),
        (#""issuanceDelay": "48h""#, "issuanceDelay \"48h\" is not an ISO 8601 duration"),
        (#""followUps": [{"after": "P7D", "from": "issuance", "event": "Bad Name"}]"#, "followUps[0].event \"Bad Name\" must be"),
        (#""followUps": [{"after": "P7D", "from": "payment", "event": "a"}]"#, "followUps[0].from is not valid"),
        (#""renewalURL": "ftp://x.example/renew""#, "renewalURL \"ftp://x.example/renew\" must be an absolute http or https URL"),
        (#""expiryReminders": [30, 30]"#, "expiryReminders: 30 days is listed twice"),
        (#""expiryReminders": [0]"#, "expiryReminders: 0 days is outside 1–3650"),
    ])
    func badTimingFieldsAreRefusedByName(member: String, message: String) throws {
        let json = """
            {"id": "p", "version": 1, "achievement": {"name": "A", "description": "", "criteria": ""}, "rules": {}, \(member)}
            """
        do {
            _ = try ProgramDefinition.program(from: Array(json.utf8))
            Issue.record("accepted \(member)")
        } catch {
            #expect(error.code == .invalidProgram)
            #expect(error.reason.contains(message), "\(error.reason)")
        }
    }

    @Test func timingFieldsRoundTripAndMayBeLeftOut() throws {
        let json = """
            {"id": "p", "version": 1, "achievement": {"name": "A", "description": "", "criteria": ""}, "rules": {},
             "issuanceDelay": "PT48H", "followUps": [{"after": "P7D", "from": "claim", "event": "testimonial.request"}],
             "renewalURL": "https://x.example/renew", "expiryReminders": [60, 14]}
            """
        let program = try ProgramDefinition.program(from: Array(json.utf8))
        #expect(program.issuanceDelay?.hours == 48)
        #expect(program.followUps?.first?.from == .claim)
        #expect(ExpiryReminderPlan.leadDays(of: program) == [60, 14])
        let again = try ProgramDefinition.program(from: Array(try ProgramDefinition.encoded(program).serialized().utf8))
        #expect(again == program)
        let plain = try ProgramDefinition.program(
            from: Array(#"{"id": "p", "version": 1, "achievement": {"name": "A", "description": "", "criteria": ""}, "rules": {}}"#.utf8))
        #expect(plain.issuanceDelay == nil && plain.followUps == nil && plain.expiryReminders == nil)
        #expect(ExpiryReminderPlan.leadDays(of: plain) == [90, 30, 7])
    }
    @Test func credentialsIssuedBeforeRemindersExistedGetThemOnce() async throws {
        let fixture = try await IssuerFixture(program: Self.program())
        let issued = try #require(try await fixture.pipeline().intake(IssuerFixture.event()).issuedCredentialID)
        let record = try await fixture.pipeline().finish(credentialID: issued)
        let validUntil = IssuerFixture.start.addingTimeInterval(200 * Self.day)
        // A credential stored without any scheduled work, as every credential before this version.
        try await fixture.store.write { transaction in
            try transaction.saveLearner(
                Learner(id: "lrn-earlier", externalID: "u-earlier", email: "e@example.org", legalName: "Eli Earlier"))
            try transaction.insertCredential(
                CredentialRecord(
                    id: "OLDCRED1", learnerID: "lrn-earlier", programID: record.programID, programVersion: 1,
                    completionID: record.completionID, issuedAt: IssuerFixture.start.addingTimeInterval(-165 * Self.day),
                    validUntil: validUntil, state: .active, revocationList: record.revocationList,
                    revocationIndex: record.revocationIndex + 1,
                    suspensionList: record.suspensionList, suspensionIndex: record.suspensionIndex + 1))
        }
        let scheduler = Self.scheduler(fixture)
        #expect(try await scheduler.planMissingExpiries() == 1)
        #expect(try await scheduler.planMissingExpiries() == 0)
        let planned = try await fixture.store.read { try $0.scheduledWork(subjectID: "OLDCRED1") }
        #expect(planned.map(\.kind) == [.expiryReminder, .expiryReminder, .expiryReminder, .expired])
        #expect(planned.map(\.dueAt) == [90.0, 30, 7, 0].map { validUntil.addingTimeInterval(-$0 * Self.day) })
    }
    @Test func aReissueGetsRemindersButNoSecondFollowUp() async throws {
        let followUps = [FollowUp(after: ISODuration("P7D")!, from: .issuance, event: "testimonial.request")]
        let fixture = try await IssuerFixture(program: Self.program(followUps: followUps))
        let id = try #require(try await fixture.pipeline().intake(IssuerFixture.event()).issuedCredentialID)
        let record = try await fixture.pipeline().finish(credentialID: id)
        let reissued = try await CredentialChanges(environment: fixture.environment, actor: "test").reissue(id, newName: "Zoë Åkesson-Berg")
        #expect(reissued.id != id)
        fixture.clock.advance(by: 8 * Self.day)
        await Self.scheduler(fixture).tick()
        // The old credential's follow-up is called off (superseded), the new one has none of its own.
        #expect(try await Self.messages(fixture, .credentialFollowUp).isEmpty)
        let kinds = try await fixture.store.read { try $0.scheduledWork(subjectID: reissued.id) }.map(\.kind)
        #expect(kinds == [.expiryReminder, .expiryReminder, .expiryReminder, .expired])
        _ = record
    }
}
