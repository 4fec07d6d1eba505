import Foundation
import IssuerCore
import Testing
import VerifiableCredentials

@Suite("ComplianceState: the pure evaluator of a worker's training")
struct ComplianceStateTests {
    static let start = DateTimeStamp.parse("2026-11-23T09:00:00Z")!
    static let configuration = TrainingConfiguration(
        id: "site-electricians", group: "Site electricians",
        modules: [
            TrainingModule(id: "electrical-safety", name: "Electrical safety", validity: "P1Y"),
            TrainingModule(id: "live-demo", name: "Live demo", validity: "PT30S"),
            TrainingModule(id: "induction", name: "Site induction"),
            TrainingModule(id: "confined-spaces", name: "Confined spaces", validity: "P2Y", required: false),
        ],
        certificate: ComplianceCertificateSettings(enabled: true), reminderLeadTime: "PT10S")

    static func member(_ learner: String = "w-1", module: String? = nil, removed: Bool = false) -> TrainingAssignment {
        TrainingAssignment(
            id: "a-\(module ?? "group")", learnerID: learner, configurationID: "site-electricians", moduleID: module, assignedAt: start,
            assignedBy: "test", removedAt: removed ? start : nil)
    }

    static func completion(_ module: String, at offset: TimeInterval = 0, id: String? = nil, removed: Bool = false) -> TrainingCompletion {
        TrainingCompletion(
            id: id ?? "c-\(module)-\(Int(offset))", learnerID: "w-1", moduleID: module, completedAt: start.addingTimeInterval(offset),
            recordedAt: start, recordedBy: "test", removedAt: removed ? start : nil, removedBy: removed ? "test" : nil)
    }

    static func evaluate(_ assignments: [TrainingAssignment], _ completions: [TrainingCompletion], at offset: TimeInterval)
        -> ComplianceState
    {
        ComplianceState.evaluate(
            configuration: configuration, learnerID: "w-1", assignments: assignments, completions: completions,
            now: start.addingTimeInterval(offset))
    }

    static let allDone = ["electrical-safety", "live-demo", "induction"].map { completion($0) }

    @Test("a member must hold the required modules only; an optional module is required once assigned")
    func requiredModules() {
        #expect(Self.evaluate([Self.member()], [], at: 0).requiredModuleIDs == ["electrical-safety", "live-demo", "induction"])
        let assigned = Self.evaluate([Self.member(), Self.member(module: "confined-spaces")], Self.allDone, at: 1)
        #expect(assigned.requiredModuleIDs == ["electrical-safety", "live-demo", "induction", "confined-spaces"])
        #expect(!assigned.isValid)
        #expect(assigned.unmet.map(\.id) == ["confined-spaces"])
        #expect(assigned.unmet.first?.state == .missing)
        let notMember = Self.evaluate([Self.member(removed: true)], Self.allDone, at: 1)
        #expect(!notMember.applies)
        #expect(!notMember.isValid)
    }

    @Test("PT30S: valid before the 30th second, expiring inside the 10 s lead, expired at exactly 30 s")
    func thirtySecondBoundaries() {
        let assignments = [Self.member()]
        let early = Self.evaluate(assignments, Self.allDone, at: 5)
        #expect(early.isValid)
        #expect(early.modules[1].state == .complete)
        #expect(early.nextChangeAt == Self.start.addingTimeInterval(20), "the reminder window opens 10 s before the expiry")
        let expiring = Self.evaluate(assignments, Self.allDone, at: 20)
        #expect(expiring.isValid)
        #expect(expiring.modules[1].state == .expiring)
        #expect(expiring.nextChangeAt == Self.start.addingTimeInterval(30))
        #expect(Self.evaluate(assignments, Self.allDone, at: 29.999).isValid)
        let expired = Self.evaluate(assignments, Self.allDone, at: 30)
        #expect(!expired.isValid)
        #expect(expired.modules[1].state == .expired)
        #expect(expired.unmet.map(\.id) == ["live-demo"])
        #expect(expired.modules[1].expiresAt == Self.start.addingTimeInterval(30))
    }

    @Test("P1Y ends on the calendar date a year on; a module without validity never expires")
    func yearValidity() {
        let completions = Self.allDone + [Self.completion("live-demo", at: 365 * 86_400)]
        let state = Self.evaluate([Self.member()], completions, at: 365 * 86_400)
        #expect(state.modules[0].expiresAt == DateTimeStamp.parse("2027-11-23T09:00:00Z"))
        #expect(state.modules[0].state == .expired)
        #expect(state.modules[2].state == .complete)
        #expect(state.modules[2].expiresAt == nil)
        #expect(Self.evaluate([Self.member()], completions, at: 365 * 86_400 - 1).modules[0].state == .expiring)
    }

    @Test("the latest completion counts; a removed one does not; a future-dated one counts from its date")
    func whichCompletionCounts() {
        let renewed = Self.allDone + [Self.completion("live-demo", at: 40)]
        let state = Self.evaluate([Self.member()], renewed, at: 45)
        #expect(state.isValid)
        #expect(state.modules[1].completedAt == Self.start.addingTimeInterval(40))
        let removed = Self.allDone.filter { $0.moduleID != "induction" } + [Self.completion("induction", removed: true)]
        #expect(Self.evaluate([Self.member()], removed, at: 1).unmet.map(\.id) == ["induction"])
        let future = Self.allDone.filter { $0.moduleID != "induction" } + [Self.completion("induction", at: 100)]
        let before = Self.evaluate([Self.member()], future, at: 1)
        #expect(before.unmet.map(\.id) == ["induction"])
        #expect(before.nextChangeAt == Self.start.addingTimeInterval(20))
    }

    @Test("ISO durations: PT30S and P1Y parse; subtraction mirrors addition on the calendar")
    func durations() throws {
        let thirty = try #require(ISODuration("PT30S"))
        #expect(thirty.seconds == 30)
        #expect(thirty.added(to: Self.start) == Self.start.addingTimeInterval(30))
        #expect(thirty.subtracted(from: Self.start) == Self.start.addingTimeInterval(-30))
        let year = try #require(ISODuration("P1Y"))
        #expect(year.subtracted(from: DateTimeStamp.parse("2027-11-23T09:00:00Z")!) == Self.start)
        #expect(ISODuration("PT") == nil)
    }

    @Test("configurations are validated: durations, ids, duplicate modules")
    func validation() {
        var bad = Self.configuration
        bad.modules[0].validity = "one year"
        #expect(throws: IssuerError.self) { try bad.validate() }
        bad = Self.configuration
        bad.modules.append(bad.modules[0])
        #expect(throws: IssuerError.self) { try bad.validate() }
        bad = Self.configuration
        bad.id = "Site Electricians"
        #expect(throws: IssuerError.self) { try bad.validate() }
        #expect(throws: Never.self) { try Self.configuration.validate() }
    }
}
