/// The rule a decision's reason sentence comes from: a fixed set of names, so reports and metric
/// labels group reasons by rule and learners' data never becomes a name.
public enum DecisionRule {
    /// The name given to an issue decision that a person did not share: every rule was met.
    public static let allRulesMet = "all_rules_met"

    /// `required_modules`, `minimum_score`, `score_near_minimum`, `minimum_minutes`, `prerequisites`,
    /// `modules_exempted`, `name_mismatch`, `validity`, or `other`.
    public static func name(of sentence: String) -> String {
        let prefixes: [(String, String)] = [
            ("required modules", "required_modules"), ("score ", "minimum_score"),
            ("the program requires a score", "minimum_score"), ("time spent", "minimum_minutes"),
            ("the program requires at least", "minimum_minutes"), ("prerequisite", "prerequisites"),
            ("modules exempted", "modules_exempted"), ("the certificate name", "name_mismatch"), ("completed on ", "validity"),
        ]
        if sentence.hasPrefix("score "), sentence.contains(" points of the minimum ") { return "score_near_minimum" }
        return prefixes.first { sentence.hasPrefix($0.0) }?.1 ?? "other"
    }
}
