import Foundation
import IssuerCore
import Testing

/// What a reviewer sees of a held completion is data, built from the completion, its program's
/// rules and the store, and says the same as the reasons the decision recorded.
@Suite("Review case and queue")
struct ReviewCaseTests {
    static let firstAid = Program(
        id: "first-aid",
        achievement: Achievement(name: "First Aid at Work", description: "First aid.", criteria: "Attend."))

    /// The fixture's program, needing `first-aid` first.
    static var withPrerequisite: Program {
        var program = IssuerFixture.program
        program.rules.prerequisites = ["first-aid"]
        return program
    }

    func hold(_ fixture: IssuerFixture, _ event: CompletionEvent) async throws -> String {
        let outcome = try await fixture.pipeline().intake(event)
        guard case .held(let completionID, _) = outcome else { throw IssuerError(.invalidState, "not held: \(outcome)") }
        return completionID
    }

    @Test("every trigger that held the completion is typed data beside its value and limit, worded as the decision recorded it")
    func everyFindingWithItsData() async throws {
        let fixture = try await IssuerFixture(program: Self.withPrerequisite)
        try await fixture.store.write { try $0.saveProgram(Self.firstAid) }
        var firstAid = IssuerFixture.event(id: "fa-1")
        firstAid.programID = "first-aid"
        guard case .issued(_, let firstAidID) = try await fixture.pipeline().intake(firstAid) else { throw IssuerError(.invalidState, "") }
        _ = try await fixture.pipeline().finish(credentialID: firstAidID)
        let at = IssuerFixture.start
        let modules = [
            ModuleCompletion(id: "ladders", completedAt: at), ModuleCompletion(id: "harness", exempt: true),
            ModuleCompletion(id: "scaffolds", completedAt: at), ModuleCompletion(id: "rescue-plan", completedAt: at),
        ]
        let id = try await hold(
            fixture, IssuerFixture.event(id: "evt-2", score: 81, minutes: 125, modules: modules, profileName: "Zoe Akesson-Berg"))
        let now = fixture.clock.now
        let found = try await fixture.store.read { try ReviewCase.load(completionID: id, from: $0, now: now) }
        let review = try #require(found)
        #expect(
            review.findings == [
                .scoreNearMinimum(score: 81, minimum: 80, margin: 2), .modulesExempted(["harness"]),
                .nameMismatch(certificateName: "Zoë Åkesson", profileName: "Zoe Akesson-Berg"),
            ])
        #expect(review.findings.map(\.sentence) == review.recordedReasons)
        #expect(review.score == ReviewCase.Measure(value: 81, minimum: 80) && review.score.meetsMinimum)
        #expect(review.minutes == ReviewCase.Measure(value: 125, minimum: 120))
        #expect(review.modules.map(\.id) == ["ladders", "scaffolds", "harness", "rescue-plan"], "required first, in the rules' order")
        #expect(review.modules.map(\.isRequired) == [true, true, true, false])
        #expect(review.modules[2].isExempt && review.modules[2].completedAt == nil)
        #expect(review.prerequisites == [.init(programID: "first-aid", title: "First Aid at Work", heldCredentialID: firstAidID)])
        #expect(review.names.certificateName == "Zoë Åkesson" && review.names.profileName == "Zoe Akesson-Berg")
        #expect(review.names.namesMatch == false)
        #expect(review.earlierCredentials.map(\.id) == [firstAidID])
        #expect(review.programTitles["first-aid"] == "First Aid at Work")
        #expect(review.learner?.externalID == "u-1")
        #expect(review.program?.id == "working-at-height-2")
    }

    @Test("a measure without a reported value does not meet a minimum; without a minimum anything does")
    func measures() {
        #expect(!ReviewCase.Measure(value: nil, minimum: 80).meetsMinimum)
        #expect(!ReviewCase.Measure(value: 79.5, minimum: 80).meetsMinimum)
        #expect(ReviewCase.Measure(value: nil, minimum: nil).meetsMinimum)
    }

    @Test("an unknown completion has no case")
    func unknownCompletion() async throws {
        let fixture = try await IssuerFixture()
        let now = fixture.clock.now
        #expect(try await fixture.store.read { try ReviewCase.load(completionID: "cmp-none", from: $0, now: now) } == nil)
    }

    @Test("the queue reads one page, oldest first, with names and titles, and counts them all; age filters by when it was held")
    func queuePages() async throws {
        let fixture = try await IssuerFixture()
        var ids: [String] = []
        for number in 1...5 {
            ids.append(try await hold(fixture, IssuerFixture.event(id: "evt-\(number)", learner: "u-\(number)", score: 81)))
            fixture.clock.advance(by: 86_400 * 2)
        }
        let page = try await fixture.store.read {
            try ReviewQueuePage.read(ReviewQueueFilter(programID: "working-at-height-2"), page: 2, pageSize: 2, from: $0)
        }
        #expect(page.entries.map(\.completion.id) == Array(ids[2...3]))
        #expect(page.total == 5 && page.hasNextPage)
        #expect(page.entries.first?.programTitle == "Working at Height — Level 2")
        #expect(page.entries.first?.learnerName == "Zoë Åkesson")
        let bounds = ReviewAge.overSevenDays.bounds(now: fixture.clock.now)
        let old = try await fixture.store.read {
            try ReviewQueuePage.read(
                ReviewQueueFilter(receivedAtOrBefore: bounds.atOrBefore, receivedAfter: bounds.after), page: 1, pageSize: 50, from: $0)
        }
        #expect(old.entries.map(\.completion.id) == Array(ids[0...1]), "held 10 and 8 days ago")
        #expect(!old.hasNextPage)
        let none = try await fixture.store.read {
            try ReviewQueuePage.read(ReviewQueueFilter(programID: "x"), page: 1, pageSize: 50, from: $0)
        }
        #expect(none.entries.isEmpty && none.total == 0)
    }
}
