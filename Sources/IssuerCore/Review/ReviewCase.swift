import Foundation

/// Everything a reviewer needs to decide a held completion, on one screen: why it was held (typed,
/// value against limit), the score and minutes against the minimums, every module done or
/// exempted, the prerequisites, the name in the LMS against the name for the certificate, and the
/// learner's earlier credentials. A pure value built from the store; pages and emails draw it.
public struct ReviewCase: Sendable, Hashable {
    /// A measured value against the program's minimum.
    public struct Measure: Sendable, Hashable {
        /// What was reported; `nil` when nothing was.
        public var value: Double?
        /// The program's minimum; `nil` when it sets none.
        public var minimum: Double?
        /// Whether the value meets the minimum (true when there is no minimum).
        public var meetsMinimum: Bool { minimum.map { minimum in value.map { $0 >= minimum } ?? false } ?? true }

        /// A value against a minimum.
        public init(value: Double?, minimum: Double?) {
            self.value = value
            self.minimum = minimum
        }
    }

    /// One module: required by the program, reported by the event, or both.
    public struct ModuleCheck: Sendable, Hashable {
        /// The module id the rules name.
        public var id: String
        /// Whether the program requires it.
        public var isRequired: Bool
        /// When it was completed, if it was.
        public var completedAt: Date?
        /// Whether it was exempted.
        public var isExempt: Bool
        /// Whether the event reported it at all.
        public var isReported: Bool
    }

    /// One prerequisite program and whether the learner holds a valid credential for it.
    public struct PrerequisiteCheck: Sendable, Hashable {
        /// The program id.
        public var programID: String
        /// Its achievement's name, when the program exists.
        public var title: String?
        /// The valid credential the learner holds for it, if any.
        public var heldCredentialID: String?

        /// A prerequisite line.
        public init(programID: String, title: String?, heldCredentialID: String?) {
            self.programID = programID
            self.title = title
            self.heldCredentialID = heldCredentialID
        }
    }

    /// The names side by side.
    public struct NameCheck: Sendable, Hashable {
        /// The name the event gives for the certificate (preferred, else legal).
        public var certificateName: String
        /// The legal name the event gives.
        public var legalName: String
        /// The name in the LMS profile, if the event carries one.
        public var profileName: String?
        /// Whether they are the same to a person (case, accent composition, spacing aside); `nil`
        /// when there is no profile name to compare.
        public var namesMatch: Bool? {
            profileName.map { NameComparison.key($0) == NameComparison.key(certificateName) }
        }
    }

    /// The held completion.
    public var completion: CompletionRecord
    /// Its program as it is now; `nil` if it no longer exists.
    public var program: Program?
    /// The stored learner (a held completion has changed nothing about them).
    public var learner: Learner?
    /// Why it is held, as data (recomputed from the event and the program's rules now).
    public var findings: [ReviewFinding]
    /// The reasons recorded when it was held, word for word.
    public var recordedReasons: [String]
    /// The score against the minimum.
    public var score: Measure
    /// The minutes against the minimum.
    public var minutes: Measure
    /// Required modules first (in the rules' order), then any others the event reported.
    public var modules: [ModuleCheck]
    /// The program's prerequisites.
    public var prerequisites: [PrerequisiteCheck]
    /// The names.
    public var names: NameCheck
    /// Every credential the learner holds or held, any state, oldest first.
    public var earlierCredentials: [CredentialRecordSummary]
    /// The achievement names of the programs ``earlierCredentials`` certify, by program id.
    public var programTitles: [String: String]

    /// The case of completion `completionID` as `reading` has it at `now` (which decides whether a
    /// prerequisite credential is still valid); `nil` when there is no such completion.
    public static func load(completionID: String, from reading: any IssuerReading, now: Date) throws -> ReviewCase? {
        guard let completion = try reading.completion(id: completionID) else { return nil }
        let event = completion.event
        let program = try reading.program(id: event.programID)
        let rules = program?.rules ?? CompletionRules()
        let credentials = try reading.credentialSummaries(filter: CredentialFilter(learnerID: completion.learnerID))
        var titles: [String: String] = [:]
        for programID in Set(credentials.map(\.programID) + rules.prerequisites) {
            titles[programID] = try reading.program(id: programID)?.achievement.name
        }
        let valid = credentials.filter { $0.state == .active && ($0.validUntil.map { $0 > now } ?? true) }
        return ReviewCase(
            completion: completion, program: program, learner: try reading.learner(id: completion.learnerID),
            findings: ReviewFinding.findings(for: event, rules: rules), recordedReasons: completion.reasons,
            score: Measure(value: event.score, minimum: rules.minimumScore),
            minutes: Measure(value: event.minutes, minimum: rules.minimumMinutes),
            modules: moduleChecks(event: event, rules: rules),
            prerequisites: rules.prerequisites.map { id in
                PrerequisiteCheck(programID: id, title: titles[id], heldCredentialID: valid.last { $0.programID == id }?.id)
            },
            names: NameCheck(
                certificateName: event.learner.preferredName ?? event.learner.legalName, legalName: event.learner.legalName,
                profileName: event.learner.profileName),
            earlierCredentials: credentials, programTitles: titles.compactMapValues { $0 })
    }

    private static func moduleChecks(event: CompletionEvent, rules: CompletionRules) -> [ModuleCheck] {
        let reported = Dictionary(event.modules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let required = Set(rules.requiredModules)
        let ids = rules.requiredModules + event.modules.map(\.id).filter { !required.contains($0) }
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }.map { id in
            let module = reported[id]
            return ModuleCheck(
                id: id, isRequired: required.contains(id), completedAt: module?.completedAt, isExempt: module?.exempt ?? false,
                isReported: module != nil)
        }
    }
}
