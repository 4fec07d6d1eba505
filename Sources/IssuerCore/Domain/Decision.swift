/// What the rules decided about a completion, with every reason.
public enum Decision: Sendable, Hashable {
    /// Issue a credential.
    case issue
    /// Hold for a person to approve or reject; the reasons say what triggered the hold.
    case review(reasons: [String])
    /// Do not issue; the reasons say which rules were not met.
    case reject(reasons: [String])

    /// `issue`, `review` or `reject`.
    public var kind: String {
        switch self {
        case .issue: "issue"
        case .review: "review"
        case .reject: "reject"
        }
    }

    /// The reasons, empty for `issue`.
    public var reasons: [String] {
        switch self {
        case .issue: []
        case .review(let reasons), .reject(let reasons): reasons
        }
    }
}
