import Foundation
import IssuerCore
import Testing

/// Configuration drift (issue 19 point 3): an event for a course no program maps, or for a
/// disabled program, is kept, never dropped or refused, and decided exactly once when a program
/// starts to map the course or the program is enabled again.
@Suite("Configuration drift")
struct ConfigurationDriftTests {
    static func courseEvent(id: String, course: String = "moodle:42", learner: String = "u-1") -> CompletionEvent {
        var event = IssuerFixture.event(id: id, learner: learner)
        event.programID = ""
        event.course = course
        return event
    }

    static func mapping(_ courses: [String], version: Int = 2) -> Program {
        var program = IssuerFixture.program
        program.version = version
        program.courses = courses
        return program
    }

    @Test("an event for a course no program maps is kept unmapped and issued once a program maps it")
    func unmappedCourseIsIssuedOnceMapped() async throws {
        let fixture = try await IssuerFixture()
        let outcome = try await fixture.pipeline().intake(Self.courseEvent(id: "m-1"))
        guard case .parked(let keptID, .unmapped, let reason) = outcome else {
            Issue.record("expected a kept unmapped event, got \(outcome)")
            return
        }
        #expect(reason.contains("moodle:42"))
        // A replay answers the same and keeps nothing twice.
        #expect(try await fixture.pipeline().intake(Self.courseEvent(id: "m-1")) == outcome)
        try await fixture.store.read { (reading: any IssuerReading) throws in
            #expect(try reading.parkedEventCounts() == [ParkedState.unmapped: 1])
            #expect(try reading.completions(state: nil).isEmpty)
            #expect(try reading.learner(externalID: "u-1") == nil)
        }

        // Another program's course does not release it.
        var other = Self.mapping(["moodle:7"])
        other.id = "first-aid"
        other.version = 1
        #expect(try await IssuerAdministration(environment: fixture.environment, actor: "cli").saveProgram(other).isEmpty)

        let released = try await IssuerAdministration(environment: fixture.environment, actor: "cli").saveProgram(
            Self.mapping(["moodle:42"]))
        #expect(released.count == 1)
        let credentialID = try #require(released.first?.issuedCredentialID)
        try await fixture.store.read { (reading: any IssuerReading) throws in
            #expect(try reading.parkedEvents(state: nil).isEmpty)
            let completion = try #require(try reading.completion(source: "lms-test", eventID: "m-1"))
            #expect(completion.event.programID == "working-at-height-2")
            #expect(try reading.credential(id: credentialID)?.state == .active)
            #expect(try reading.auditEntries(from: 0, limit: 10_000).contains { $0.kind == "completion.released" && $0.subject == keptID })
        }
        // Saving the program again (a new version) decides nothing twice; a replay is now a duplicate.
        #expect(
            try await IssuerAdministration(environment: fixture.environment, actor: "cli").saveProgram(
                Self.mapping(["moodle:42"], version: 3)
            ).isEmpty)
        guard case .duplicate = try await fixture.pipeline().intake(Self.courseEvent(id: "m-1")) else {
            Issue.record("a replay after the release is a duplicate")
            return
        }
        #expect(try await fixture.store.read { try $0.credentialSummaries(filter: CredentialFilter()).count } == 1)
    }

    @Test("an event whose course a program maps is decided at once by that program")
    func mappedCourseIsDecidedAtOnce() async throws {
        let fixture = try await IssuerFixture(program: Self.mapping(["moodle:42"], version: 1))
        let outcome = try await fixture.pipeline().intake(Self.courseEvent(id: "m-2"))
        #expect(outcome.issuedCredentialID != nil)
    }

    @Test("a disabled program's events are kept and issued once it is enabled again, once each")
    func disabledProgramHoldsThenIssuesOnce() async throws {
        let fixture = try await IssuerFixture()
        let administration = IssuerAdministration(environment: fixture.environment, actor: "api:admin")
        let (settings, none) = try await administration.setProgramEnabled("working-at-height-2", false)
        #expect(!settings.enabled && none.isEmpty)
        for (index, learner) in ["u-1", "u-2"].enumerated() {
            let outcome = try await fixture.pipeline().intake(IssuerFixture.event(id: "d-\(index)", learner: learner))
            guard case .parked(_, .disabled, _) = outcome else {
                Issue.record("expected a kept disabled event, got \(outcome)")
                return
            }
        }
        #expect(try await fixture.store.read { try $0.parkedEventCounts() } == [ParkedState.disabled: 2])
        // Disabling again changes and records nothing.
        let auditBefore = try await fixture.store.read { try $0.auditEntries(from: 0, limit: 10_000).count }
        _ = try await administration.setProgramEnabled("working-at-height-2", false)
        #expect(try await fixture.store.read { try $0.auditEntries(from: 0, limit: 10_000).count } == auditBefore)

        let (enabled, released) = try await administration.setProgramEnabled("working-at-height-2", true)
        #expect(enabled.enabled && enabled.updatedBy == "api:admin")
        #expect(released.compactMap(\.issuedCredentialID).count == 2)
        let (_, second) = try await administration.setProgramEnabled("working-at-height-2", true)
        #expect(second.isEmpty)
        try await fixture.store.read { (reading: any IssuerReading) throws in
            #expect(try reading.parkedEvents(state: nil).isEmpty)
            #expect(try reading.credentialSummaries(filter: CredentialFilter(states: [.active])).count == 2)
            let kinds = try reading.auditEntries(from: 0, limit: 10_000).map(\.kind)
            #expect(kinds.filter { $0 == "program.disabled" }.count == 1)
            #expect(kinds.filter { $0 == "program.enabled" }.count == 1)
            #expect(try reading.programSettings(id: "working-at-height-2")?.enabled == true)
        }
        // Enabled: new events are decided as before.
        #expect(try await fixture.pipeline().intake(IssuerFixture.event(id: "d-9", learner: "u-9")).issuedCredentialID != nil)
    }

    @Test("the dashboard counts the events kept for an unmapped course and for a disabled program")
    func dashboardCountsKeptEvents() async throws {
        let fixture = try await IssuerFixture()
        _ = try await fixture.pipeline().intake(Self.courseEvent(id: "k-1"))
        _ = try await fixture.pipeline().intake(Self.courseEvent(id: "k-2", course: "moodle:43", learner: "u-2"))
        _ = try await IssuerAdministration(environment: fixture.environment, actor: "cli").setProgramEnabled("working-at-height-2", false)
        _ = try await fixture.pipeline().intake(IssuerFixture.event(id: "k-3", learner: "u-3"))
        let now = fixture.clock.now
        let figures = try await fixture.store.read { try DashboardFigures.compute(from: $0, now: now) }
        #expect(figures.figure(.completionsWithoutProgram)?.value == 2)
        #expect(figures.figure(.keptForDisabledPrograms)?.value == 1)
    }

    @Test("an event naming a program is decided at once; one naming a program that does not exist is kept unknownProgram")
    func eventsNamingAProgramAreUnchanged() async throws {
        let fixture = try await IssuerFixture()
        var event = IssuerFixture.event(id: "n-1")
        event.course = "moodle:999"
        #expect(try await fixture.pipeline().intake(event).issuedCredentialID != nil)
        var unknown = IssuerFixture.event(id: "n-2")
        unknown.programID = "no-such-program"
        guard case .parked(_, .unknownProgram, _) = try await fixture.pipeline().intake(unknown) else {
            Issue.record("an event naming a program that does not exist is kept")
            return
        }
        // A course as the event schema allows it: no whitespace (what Schemathesis's negative data tries).
        for bad in ["moodle 42", "moodle:42\u{FEFF}", "", String(repeating: "x", count: 201)] {
            let event = Self.courseEvent(id: "n-bad", course: bad)
            await #expect { try await fixture.pipeline().intake(event) } throws: { ($0 as? IssuerError)?.code == .invalidEvent }
        }
        #expect(throws: IssuerError.self) { try ProgramValidation.validate(Self.mapping(["moodle\u{00A0}42"])) }
        var neither = IssuerFixture.event(id: "n-3")
        neither.programID = ""
        await #expect { try await fixture.pipeline().intake(neither) } throws: { ($0 as? IssuerError)?.code == .invalidEvent }
    }

    @Test("a course is mapped by one program at most; enabling a program that does not exist is refused")
    func courseConflictsAreRefused() async throws {
        let fixture = try await IssuerFixture(program: Self.mapping(["moodle:42"], version: 1))
        var other = Self.mapping(["moodle:42"], version: 1)
        other.id = "first-aid"
        await #expect {
            try await IssuerAdministration(environment: fixture.environment, actor: "cli").saveProgram(other)
        } throws: { ($0 as? IssuerError)?.code == .invalidProgram }
        var twice = Self.mapping(["moodle:1", "moodle:1"], version: 2)
        twice.id = "first-aid"
        #expect(throws: IssuerError.self) { try ProgramValidation.validate(twice) }
        await #expect {
            try await IssuerAdministration(environment: fixture.environment, actor: "cli").setProgramEnabled("nope", true)
        } throws: { ($0 as? IssuerError)?.code == .notFound }
    }
}
