import Foundation
import IssuerCore
import Testing

/// The agreement report's rules (issue 19 point 2), pure: how rows match, what counts as the rules
/// issuing, how disagreements are grouped by rule, and where each target's line is drawn.
@Suite("Agreement report")
struct AgreementReportTests {
    static func rule(_ id: String, _ learner: String, _ decision: Decision.Kind, _ reasons: [String] = [], at seconds: Double = 0)
        -> RuleDecisionCase
    {
        RuleDecisionCase(
            id: id, learnerExternalID: learner, learnerEmail: "\(learner)@Example.org", decision: decision, reasons: reasons,
            decidedAt: Date(timeIntervalSince1970: 1_800_000_000 + seconds))
    }

    @Test func rowsMatchByIdOrEmailAndTheLatestDecisionCounts() throws {
        let rules = [
            Self.rule("cmp-old", "u-1", .reject, ["score 60 is below the minimum of 80"], at: 0),
            Self.rule("cmp-new", "u-1", .issue, at: 10),
            Self.rule("cmp-2", "u-2", .review, ["score 81 is within 2 points of the minimum 80"]),
            Self.rule("cmp-3", "u-3", .reject, ["required modules not completed: harness", "score 60 is below the minimum of 80"]),
        ]
        let manual = try ManualDecisionCSV.parse(
            "learner,decision,note\nu-1,issue\nU-2@EXAMPLE.ORG,issue,checked by hand\nu-3,issue\nnobody,reject\n")
        let report = AgreementReport.compare(program: "p", manual: manual, rules: rules)
        #expect(report.compared == 3)
        #expect(report.cases.map(\.caseID) == ["cmp-new", "cmp-2", "cmp-3"])
        // A hold for review is not the rules issuing: the person who issued disagrees with it.
        #expect(report.cases.map(\.outcome) == [.agree, .falseNegative, .falseNegative])
        #expect(report.unmatched.map(\.learner) == ["nobody"])
        #expect(report.ruleDisagreements == ["score_near_minimum": 1, "required_modules": 1, "minimum_score": 1])
        #expect(report.cases[1].note == "checked by hand")
    }

    @Test(arguments: [
        // (compared, false positives, false negatives, passes): each target's boundary is outside it.
        (1000, 0, 0, true), (1000, 4, 9, true), (1000, 5, 0, false), (1000, 0, 10, false), (200, 0, 0, true), (0, 0, 0, false),
    ])
    func theVerdictIsDrawnAtEachTarget(compared: Int, falsePositives: Int, falseNegatives: Int, passes: Bool) {
        var rules: [RuleDecisionCase] = []
        var rows: [ManualDecision] = []
        for index in 0..<compared {
            let rulesIssue = index < falsePositives || index >= falsePositives + falseNegatives
            rules.append(
                Self.rule("c-\(index)", "u-\(index)", rulesIssue ? .issue : .reject, rulesIssue ? [] : ["time spent 10 min is below"]))
            let agree = index >= falsePositives + falseNegatives
            rows.append(ManualDecision(learner: "u-\(index)", issue: agree ? rulesIssue : !rulesIssue, line: index + 1))
        }
        let report = AgreementReport.compare(program: "p", manual: rows, rules: rules)
        #expect(report.falsePositives == falsePositives && report.falseNegatives == falseNegatives)
        #expect(report.passes == passes, "\(report.verdictLine)")
        #expect(report.verdictLine.hasPrefix(passes ? "PASS: " : "FAIL: "))
    }

    @Test func aBadFileNamesItsLine() {
        for (text, line) in [("u-1,issue\nu-2,maybe\n", "line 2"), ("u-1,issue,a,b\n", "line 1"), ("u-1,issue\n,reject\n", "line 2")] {
            #expect(throws: IssuerError.self) { try ManualDecisionCSV.parse(text) }
            do {
                _ = try ManualDecisionCSV.parse(text)
            } catch let error as IssuerError {
                #expect(error.code == .invalidCSV)
                #expect(error.reason.contains(line), "\(error.reason)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
