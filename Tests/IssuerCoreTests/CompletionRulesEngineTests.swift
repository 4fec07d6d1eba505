import Foundation
import IssuerCore
import Testing
import VerifiableCredentials

@Suite("Completion rules")
struct CompletionRulesEngineTests {
    let engine = CompletionRulesEngine()
    let program = IssuerFixture.program

    @Test("an eligible completion is issued")
    func eligible() {
        #expect(engine.decide(IssuerFixture.event(), program: program, heldPrograms: []) == .issue)
    }

    @Test("every unmet rule is a reason to reject, all of them listed")
    func rejectsWithEveryReason() {
        let event = IssuerFixture.event(
            score: 60, minutes: 30, modules: [ModuleCompletion(id: "ladders", completedAt: IssuerFixture.start)])
        var strict = program
        strict.rules.prerequisites = ["first-aid"]
        let decision = engine.decide(event, program: strict, heldPrograms: [])
        #expect(decision.kind == .reject)
        #expect(decision.reasons.count == 4)
        #expect(decision.reasons[0] == "required modules not completed: scaffolds, harness")
        #expect(decision.reasons[1] == "score 60 is below the minimum of 80")
        #expect(decision.reasons[2].contains("time spent 30 min"))
        #expect(decision.reasons[3] == "prerequisite programs not held: first-aid")
        #expect(engine.decide(IssuerFixture.event(), program: strict, heldPrograms: ["first-aid"]) == .issue)
    }

    @Test("a missing score or time is a reason when the program requires one")
    func missingMeasurements() {
        let decision = engine.decide(IssuerFixture.event(score: nil, minutes: nil), program: program, heldPrograms: [])
        #expect(decision.reasons.count == 2)
    }

    @Test("review triggers: a score just above the threshold, an exempt module, a name that differs from the LMS profile")
    func reviewTriggers() {
        #expect(engine.decide(IssuerFixture.event(score: 81.5), program: program, heldPrograms: []).kind == .review)
        #expect(engine.decide(IssuerFixture.event(score: 82), program: program, heldPrograms: []) == .issue)
        let exempt =
            ["ladders", "scaffolds"].map { ModuleCompletion(id: $0, completedAt: IssuerFixture.start) } + [
                ModuleCompletion(id: "harness", exempt: true)
            ]
        #expect(
            engine.decide(IssuerFixture.event(modules: exempt), program: program, heldPrograms: []).reasons == [
                "modules exempted instead of completed: harness"
            ])
        // More than two characters apart: held (the workflow's error table); two or fewer (dropped accents, a typo): the same person.
        #expect(engine.decide(IssuerFixture.event(profileName: "Zoe Akeson-Berg"), program: program, heldPrograms: []).kind == .review)
        #expect(engine.decide(IssuerFixture.event(profileName: "Zoe Akesson"), program: program, heldPrograms: []) == .issue)
        // Case, spacing and composed versus decomposed accents do not count as a different name.
        #expect(engine.decide(IssuerFixture.event(profileName: "zoe\u{0308}  åkesson"), program: program, heldPrograms: []) == .issue)
    }

    @Test("without the triggers switched on, the same completions are issued")
    func triggersOff() {
        var relaxed = program
        relaxed.rules.review = ReviewTriggers()
        #expect(engine.decide(IssuerFixture.event(score: 81, profileName: "Somebody Else"), program: relaxed, heldPrograms: []) == .issue)
    }
}

@Suite("ISO 8601 durations")
struct ISODurationTests {
    @Test(
        "durations parse and add on the UTC calendar",
        arguments: [
            ("P3Y", "2026-01-31T00:00:00Z", "2029-01-31T00:00:00Z"),
            ("P1M", "2026-01-31T00:00:00Z", "2026-02-28T00:00:00Z"),
            ("P2W", "2026-01-01T00:00:00Z", "2026-01-15T00:00:00Z"),
            ("PT30S", "2026-01-01T00:00:00Z", "2026-01-01T00:00:30Z"),
            ("P1Y2M3DT4H5M6S", "2026-01-01T00:00:00Z", "2027-03-04T04:05:06Z"),
            ("P1D", "2028-02-28T12:00:00Z", "2028-02-29T12:00:00Z"),
        ])
    func adds(text: String, from: String, to: String) throws {
        let duration = try #require(ISODuration(text))
        #expect(DateTimeStamp.format(duration.added(to: DateTimeStamp.parse(from)!)) == to)
    }

    @Test("a minimum beyond Int is printed, not a trap (a program may ask for 1e300 minutes; Schemathesis made one)")
    func hugeMinimumsArePrinted() {
        var huge = IssuerFixture.program
        huge.rules.minimumMinutes = 1e300
        let decision = CompletionRulesEngine().decide(IssuerFixture.event(minutes: nil), program: huge, heldPrograms: [])
        #expect(decision == .reject(reasons: ["the program requires at least 1e+300 min, but no time was reported"]))
    }

    @Test("malformed durations are refused", arguments: ["", "P", "PT", "3Y", "P1H", "PT1D", "P1.5Y", "P-1D", "P1Y2", "PTT1S"])
    func refused(text: String) {
        #expect(ISODuration(text) == nil)
    }
}
