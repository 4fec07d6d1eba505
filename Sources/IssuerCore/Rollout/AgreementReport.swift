import CanonicalJSON
import Foundation

/// What the rules decided about one completion, as the agreement report compares it.
public struct RuleDecisionCase: Sendable, Hashable, Codable {
    /// The completion (`cmp-…`) or shadow decision (`shd-…`).
    public var id: String
    /// The learner's id in the reporting system, and their email address.
    public var learnerExternalID: String
    /// The learner's email address, as the event reported it.
    public var learnerEmail: String
    /// The rules' decision and reasons.
    public var decision: Decision.Kind
    /// The reasons of the rules' decision (empty for issue).
    public var reasons: [String]
    /// When it was decided (the latest decision of a learner is the one compared).
    public var decidedAt: Date

    /// A case.
    public init(id: String, learnerExternalID: String, learnerEmail: String, decision: Decision.Kind, reasons: [String], decidedAt: Date) {
        self.id = id
        self.learnerExternalID = learnerExternalID
        self.learnerEmail = learnerEmail
        self.decision = decision
        self.reasons = reasons
        self.decidedAt = decidedAt
    }

    /// The case of a shadow decision.
    public init(_ shadow: ShadowDecisionRecord) {
        self.init(
            id: shadow.id, learnerExternalID: shadow.event.learner.externalID, learnerEmail: shadow.event.learner.email,
            decision: shadow.decision, reasons: shadow.reasons, decidedAt: shadow.decidedAt)
    }

    /// The case of a stored completion: what the rules decided, before any reviewer (a reviewed
    /// completion was held by the rules).
    public init(_ completion: CompletionRecord) {
        let decision: Decision.Kind
        switch completion.state {
        case _ where completion.reviewedBy != nil, .held: decision = .review
        case .issued: decision = .issue
        case .rejected: decision = .reject
        }
        let reasons = completion.reasons.filter { !$0.hasPrefix("rejected in review: ") }
        self.init(
            id: completion.id, learnerExternalID: completion.event.learner.externalID, learnerEmail: completion.event.learner.email,
            decision: decision, reasons: reasons, decidedAt: completion.receivedAt)
    }
}

/// The targets a rollout must meet before full automation (issue 19): agreement above 98 %,
/// false positives below 0.5 %, false negatives below 1 % of the compared completions.
public struct AgreementTargets: Sendable, Hashable, Codable {
    /// Agreement must be above this (98 %).
    public var minimumAgreementPercent: Double = 98
    /// False positives must be below this (0.5 %).
    public var maximumFalsePositivePercent: Double = 0.5
    /// False negatives must be below this (1 %).
    public var maximumFalseNegativePercent: Double = 1

    /// The targets of issue 19.
    public init() {}
}

/// Manual decisions against the rules' decisions for the same completions (issue 19 point 2).
/// The rules "issue" only on an issue decision: a completion they held for review counts as not
/// issued by them (a person had to decide).
public struct AgreementReport: Sendable, Hashable, Codable {
    /// How a manual decision and the rules' compare.
    public enum Outcome: String, Sendable, Codable {
        case agree
        /// The rules issue, the person did not.
        case falsePositive
        /// The person issued, the rules did not.
        case falseNegative
    }

    /// One compared completion.
    public struct Case: Sendable, Hashable, Codable {
        /// The line of the manual decisions file.
        public var line: Int
        /// The learner as the file names them.
        public var learner: String
        /// The person's decision: `issue` or `reject`.
        public var manual: String
        /// The person's note.
        public var note: String?
        /// The rules' decision.
        public var rules: Decision.Kind
        /// The rules' reasons.
        public var reasons: [String]
        /// The completion or shadow decision compared.
        public var caseID: String
        /// How the two compare.
        public var outcome: Outcome
    }

    /// The program compared.
    public var program: String
    /// The targets the verdict checks.
    public var targets: AgreementTargets
    /// Every compared completion, in the order of the file.
    public var cases: [Case]
    /// Rows of the file no completion of the program matched (line and learner).
    public var unmatched: [ManualDecision]
    /// For the disagreements: how often each rule (``DecisionRule``) was behind the rules' side.
    public var ruleDisagreements: [String: Int]

    /// How many rows were matched and compared.
    public var compared: Int { cases.count }
    /// How many agree.
    public var agreed: Int { cases.count { $0.outcome == .agree } }
    /// How many the rules issued and people did not.
    public var falsePositives: Int { cases.count { $0.outcome == .falsePositive } }
    /// How many people issued and the rules did not.
    public var falseNegatives: Int { cases.count { $0.outcome == .falseNegative } }
    /// Agreement as a percentage of the compared rows.
    public var agreementPercent: Double { percent(agreed) }
    /// False positives as a percentage of the compared rows.
    public var falsePositivePercent: Double { percent(falsePositives) }
    /// False negatives as a percentage of the compared rows.
    public var falseNegativePercent: Double { percent(falseNegatives) }

    /// Whether every target is met (nothing compared meets none).
    public var passes: Bool {
        compared > 0 && agreementPercent > targets.minimumAgreementPercent
            && falsePositivePercent < targets.maximumFalsePositivePercent && falseNegativePercent < targets.maximumFalseNegativePercent
    }

    private func percent(_ count: Int) -> Double { compared == 0 ? 0 : Double(count) * 100 / Double(compared) }

    /// Compares `manual` with `rules`: each manual row is matched to the latest case whose learner
    /// id equals its learner, or else whose email equals it (ignoring case).
    public static func compare(
        program: String, manual: [ManualDecision], rules: [RuleDecisionCase], targets: AgreementTargets = AgreementTargets()
    ) -> AgreementReport {
        var byID: [String: RuleDecisionCase] = [:]
        var byEmail: [String: RuleDecisionCase] = [:]
        for rule in rules.sorted(by: { ($0.decidedAt, $0.id) < ($1.decidedAt, $1.id) }) {
            byID[rule.learnerExternalID] = rule
            byEmail[rule.learnerEmail.lowercased()] = rule
        }
        var report = AgreementReport(program: program, targets: targets, cases: [], unmatched: [], ruleDisagreements: [:])
        for row in manual {
            guard let rule = byID[row.learner] ?? byEmail[row.learner.lowercased()] else {
                report.unmatched.append(row)
                continue
            }
            let rulesIssue = rule.decision == .issue
            let outcome: Outcome = rulesIssue == row.issue ? .agree : (rulesIssue ? .falsePositive : .falseNegative)
            if outcome != .agree {
                let names = rulesIssue ? [DecisionRule.allRulesMet] : Set(rule.reasons.map(DecisionRule.name(of:))).sorted()
                for name in names.isEmpty ? ["other"] : names { report.ruleDisagreements[name, default: 0] += 1 }
            }
            report.cases.append(
                Case(
                    line: row.line, learner: row.learner, manual: row.issue ? "issue" : "reject", note: row.note, rules: rule.decision,
                    reasons: rule.reasons, caseID: rule.id, outcome: outcome))
        }
        return report
    }

    /// The disagreements, in the order of the file.
    public var disagreements: [Case] { cases.filter { $0.outcome != .agree } }

    /// The closing line: `PASS` or `FAIL` with each figure against its target.
    public var verdictLine: String {
        let figures = [
            "agreement \(Self.format(agreementPercent))% (target > \(Self.format(targets.minimumAgreementPercent))%)",
            "false positives \(Self.format(falsePositivePercent))% (target < \(Self.format(targets.maximumFalsePositivePercent))%)",
            "false negatives \(Self.format(falseNegativePercent))% (target < \(Self.format(targets.maximumFalseNegativePercent))%)",
        ]
        return (passes ? "PASS: " : "FAIL: ") + figures.joined(separator: ", ")
    }

    /// The report for people.
    public var text: String {
        var lines = [
            "Agreement report for program \(program): \(compared) completions compared",
            "  agreed:          \(agreed) (\(Self.format(agreementPercent))%)",
            "  false positives: \(falsePositives) (\(Self.format(falsePositivePercent))%)  rules issued, people did not",
            "  false negatives: \(falseNegatives) (\(Self.format(falseNegativePercent))%)  people issued, rules did not",
        ]
        if !ruleDisagreements.isEmpty {
            lines.append("Disagreements by rule:")
            for (rule, count) in ruleDisagreements.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                lines.append("  \(rule): \(count)")
            }
        }
        if !disagreements.isEmpty {
            lines.append("Cases:")
            for item in disagreements {
                let why = item.reasons.isEmpty ? "" : " — " + item.reasons.joined(separator: "; ")
                let note = item.note.map { " (note: \($0))" } ?? ""
                lines.append(
                    "  line \(item.line) \(item.learner): \(item.outcome.label), manual \(item.manual), rules \(item.rules.rawValue)\(why)\(note) [\(item.caseID)]"
                )
            }
        }
        if !unmatched.isEmpty {
            lines.append(
                "Not matched to any completion of \(program): " + unmatched.map { "line \($0.line) \($0.learner)" }.joined(separator: ", "))
        }
        lines.append(verdictLine)
        return lines.joined(separator: "\n")
    }

    /// The report as JSON (`--json`, the API).
    public var json: JSONValue {
        let cases: [JSONValue] = disagreements.map { item in
            .object([
                "line": .number(Double(item.line)), "learner": .string(item.learner), "manual": .string(item.manual),
                "note": item.note.map(JSONValue.string) ?? .null, "rules": .string(item.rules.rawValue),
                "reasons": .array(item.reasons.map(JSONValue.string)), "id": .string(item.caseID),
                "outcome": .string(item.outcome.rawValue),
            ])
        }
        return .object([
            "program": .string(program), "compared": .number(Double(compared)), "agreed": .number(Double(agreed)),
            "falsePositives": .number(Double(falsePositives)), "falseNegatives": .number(Double(falseNegatives)),
            "agreementPercent": .number(agreementPercent), "falsePositivePercent": .number(falsePositivePercent),
            "falseNegativePercent": .number(falseNegativePercent),
            "ruleDisagreements": .object(
                JSONObject(ruleDisagreements.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.number(Double($0.value))) })),
            "disagreements": .array(cases),
            "unmatched": .array(unmatched.map { .object(["line": .number(Double($0.line)), "learner": .string($0.learner)]) }),
            "targets": .object([
                "minimumAgreementPercent": .number(targets.minimumAgreementPercent),
                "maximumFalsePositivePercent": .number(targets.maximumFalsePositivePercent),
                "maximumFalseNegativePercent": .number(targets.maximumFalseNegativePercent),
            ]),
            "pass": .bool(passes), "verdict": .string(verdictLine),
        ])
    }

    private static func format(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

extension AgreementReport.Outcome {
    fileprivate var label: String {
        switch self {
        case .agree: "agree"
        case .falsePositive: "false positive"
        case .falseNegative: "false negative"
        }
    }
}

extension IssuerEnvironment {
    /// The agreement report of `programID` against the manual decisions in `csv`.
    /// - Throws: ``IssuerError`` `unknownProgram`, or `invalidCSV` for a bad file.
    public func agreementReport(programID: String, csv: String) async throws -> AgreementReport {
        let manual = try ManualDecisionCSV.parse(csv)
        let rules = try await store.read { reading -> [RuleDecisionCase] in
            guard try reading.program(id: programID) != nil else {
                throw IssuerError(.unknownProgram, "there is no program \"\(programID)\"")
            }
            return try reading.shadowDecisions(programID: programID).map(RuleDecisionCase.init)
                + reading.completions(programID: programID).map(RuleDecisionCase.init)
        }
        return AgreementReport.compare(program: programID, manual: manual, rules: rules)
    }
}
