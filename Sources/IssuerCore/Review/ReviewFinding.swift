import Foundation

/// Why a completion that meets every rule is held for a person, as data: what a reviewer's screen
/// and the review notice show side by side (the value against the limit), and the sentence the
/// decision has always recorded (``sentence``), which stays the same word for word.
public enum ReviewFinding: Sendable, Hashable {
    /// The score passed but is within `margin` points of the program's minimum.
    case scoreNearMinimum(score: Double, minimum: Double, margin: Double)
    /// Required modules were exempted instead of completed.
    case modulesExempted([String])
    /// The name given for the certificate differs from the name in the LMS profile.
    case nameMismatch(certificateName: String, profileName: String)

    /// Every review trigger of `rules` that fires for `event`, in the order the rules engine checks
    /// them. Meant for a completion that meets every rule; a failing rule is a rejection, not this.
    public static func findings(for event: CompletionEvent, rules: CompletionRules) -> [ReviewFinding] {
        var findings: [ReviewFinding] = []
        if let margin = rules.review.scoreWithin, let minimum = rules.minimumScore, let score = event.score, score < minimum + margin {
            findings.append(.scoreNearMinimum(score: score, minimum: minimum, margin: margin))
        }
        if rules.review.exemptModules {
            let modules = Dictionary(event.modules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let exempted = rules.requiredModules.filter { modules[$0]?.exempt == true && modules[$0]?.completedAt == nil }
            if !exempted.isEmpty { findings.append(.modulesExempted(exempted)) }
        }
        if rules.review.nameMismatch, let profileName = event.learner.profileName {
            let given = event.learner.preferredName ?? event.learner.legalName
            // The workflow's error table: held when the names differ by more than two characters.
            if NameComparison.distance(profileName, given) > NameComparison.tolerance {
                findings.append(.nameMismatch(certificateName: given, profileName: profileName))
            }
        }
        return findings
    }

    /// The reason as the decision records it (`completion.decided`, the completion's `reasons`).
    public var sentence: String {
        switch self {
        case .scoreNearMinimum(let score, let minimum, let margin):
            "score \(Self.format(score)) is within \(Self.format(margin)) points of the minimum \(Self.format(minimum))"
        case .modulesExempted(let modules):
            "modules exempted instead of completed: \(modules.joined(separator: ", "))"
        case .nameMismatch(let certificateName, let profileName):
            "the certificate name \"\(certificateName)\" differs from the LMS profile name \"\(profileName)\""
        }
    }

    /// A number as the rules print it: `80`, not `80.0`; `80.5` as is.
    public static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

extension ReviewFinding {
    /// The finding as a sentence for people (pages, the review notice): the recorded reason with a
    /// capital and a full stop, e.g. "Score 81 is within 2 points of the minimum 80."
    public var summary: String {
        let text = sentence
        return text.prefix(1).uppercased() + text.dropFirst() + "."
    }
}
