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
            rejections.append("prerequisite programs not held: \(missingPrerequisites.joined(separator: ", "))")
        }
        if !rejections.isEmpty { return .reject(reasons: rejections) }

        var holds: [String] = []
        if let margin = rules.review.scoreWithin, let minimum = rules.minimumScore, let score = event.score, score < minimum + margin {
            holds.append("score \(format(score)) is within \(format(margin)) points of the minimum \(format(minimum))")
        }
        if rules.review.exemptModules {
            let exempted = rules.requiredModules.filter { modules[$0]?.exempt == true && modules[$0]?.completedAt == nil }
            if !exempted.isEmpty { holds.append("modules exempted instead of completed: \(exempted.joined(separator: ", "))") }
        }
        if rules.review.nameMismatch, let profileName = event.learner.profileName {
            let given = event.learner.preferredName ?? event.learner.legalName
            if NameComparison.key(profileName) != NameComparison.key(given) {
                holds.append("the certificate name \"\(given)\" differs from the LMS profile name \"\(profileName)\"")
            }
        }
        return holds.isEmpty ? .issue : .review(reasons: holds)
    }

    private func format(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }
}

/// Compares names the way a person would: case, accents' composition and spacing don't matter.
enum NameComparison {
    static func key(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
