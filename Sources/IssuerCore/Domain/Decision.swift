/// What the rules decided about a completion, with every reason.
public enum Decision: Sendable, Hashable {
    /// Issue a credential.
    case issue
    /// Hold for a person to approve or reject; the reasons say what triggered the hold.
    case review(reasons: [String])
    /// Do not issue; the reasons say which rules were not met.
    case reject(reasons: [String])

    /// A decision without its reasons; the raw value is its name in the audit log and reports.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// ``Decision/issue``.
        case issue
        /// ``Decision/review(reasons:)``.
        case review
        /// ``Decision/reject(reasons:)``.
        case reject
    }

    /// Which of the three it is.
    public var kind: Kind {
        switch self {
        case .issue: .issue
        case .review: .review
        case .reject: .reject
        }
    }

    /// Where a completion stands after this decision.
    public var completionState: CompletionState {
        switch self {
        case .issue: .issued
        case .review: .held
        case .reject: .rejected
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
