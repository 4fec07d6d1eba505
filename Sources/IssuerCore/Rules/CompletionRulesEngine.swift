import Foundation

/// Applies a program's completion rules to an event: every unmet rule is a reason to reject;
/// if none, every review trigger that fires is a reason to hold; otherwise issue.
public struct CompletionRulesEngine: Sendable {
    /// The engine.
    public init() {}

    /// Decides on a completion. `heldPrograms` are the programs the learner already holds a valid
    /// credential for (for prerequisites).
    public func decide(_ event: CompletionEvent, program: Program, heldPrograms: Set<String>) -> Decision {
        let rules = program.rules
        var rejections: [String] = []
        let modules = Dictionary(event.modules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = rules.requiredModules.filter { id in
            guard let module = modules[id] else { return true }
            return module.completedAt == nil && !module.exempt
        }
        if !missing.isEmpty {
            rejections.append("required modules not completed: \(missing.joined(separator: ", "))")
        }
        if let minimum = rules.minimumScore {
            if let score = event.score {
                if score < minimum { rejections.append("score \(format(score)) is below the minimum of \(format(minimum))") }
            } else {
                rejections.append("the program requires a score of at least \(format(minimum)), but none was reported")
            }
        }
        if let minimum = rules.minimumMinutes {
            if let minutes = event.minutes {
                if minutes < minimum {
                    rejections.append("time spent \(format(minutes)) min is below the minimum of \(format(minimum)) min")
                }
            } else {
                rejections.append("the program requires at least \(format(minimum)) min, but no time was reported")
            }
        }
        let missingPrerequisites = rules.prerequisites.filter { !heldPrograms.contains($0) }
        if !missingPrerequisites.isEmpty {
            rejections.append(Self.missingPrerequisitesPrefix + missingPrerequisites.joined(separator: ", "))
        }
        if !rejections.isEmpty { return .reject(reasons: rejections) }

        // The review triggers, typed (``ReviewFinding``) so a reviewer's screen shows their data; recorded as their sentences.
        let holds = ReviewFinding.findings(for: event, rules: rules).map(\.sentence)
        return holds.isEmpty ? .issue : .review(reasons: holds)
    }

    /// How the reason for missing prerequisites begins; the program ids follow, separated by ", ".
    static let missingPrerequisitesPrefix = "prerequisite programs not held: "

    /// The prerequisite programs a decision's reasons say the learner lacked (empty when none).
    public static func missingPrerequisites(in reasons: [String]) -> [String] {
        guard let reason = reasons.first(where: { $0.hasPrefix(missingPrerequisitesPrefix) }) else { return [] }
        return reason.dropFirst(missingPrerequisitesPrefix.count).components(separatedBy: ", ")
    }

    /// A figure as the reasons print it: ``ReviewFinding/format(_:)``, which never traps on a value
    /// beyond `Int` (a program may ask for 1e300 minutes).
    private func format(_ value: Double) -> String { ReviewFinding.format(value) }
}

/// Compares names the way a person would: case, accents' composition and spacing don't matter.
enum NameComparison {
    /// How many characters two names may differ by (insertions, deletions, substitutions) and still
    /// be the same person's: a typo or a dropped accent is not an identity mismatch (Spec/workflow.md).
    static let tolerance = 2

    static func key(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The edit distance (Levenshtein, in characters) between the two names' ``key(_:)``s.
    static func distance(_ first: String, _ second: String) -> Int {
        let a = Array(key(first))
        let b = Array(key(second))
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
