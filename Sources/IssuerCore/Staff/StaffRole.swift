import Foundation

/// What a member of staff is allowed to do in the console and the admin API, defined once here
/// and checked on the server for every action (a hidden button is never the check).
///
/// | role | may |
/// |---|---|
/// | `admin` | everything, including staff accounts, settings, API keys and programs |
/// | `issuer` | everything about learners and credentials (issue, resend, correct, revoke, suspend, reinstate, import, export), and the review queue |
/// | `reviewer` | see everything, decide the review queue; nothing else that changes state |
/// | `viewer` | see everything, change nothing |
public enum StaffRole: String, Codable, Sendable, CaseIterable, Comparable {
    case admin
    case issuer
    case reviewer
    case viewer

    /// Whether this role may do `permission`.
    public func may(_ permission: StaffPermission) -> Bool {
        switch permission {
        case .view: true
        case .decideReviews: self != .viewer
        case .changeCredentials: self == .admin || self == .issuer
        case .administer: self == .admin
        }
    }

    /// The role's name for people ("Administrator", …).
    public var title: String {
        switch self {
        case .admin: "Administrator"
        case .issuer: "Issuer"
        case .reviewer: "Reviewer"
        case .viewer: "Viewer"
        }
    }

    /// Roles ordered by power: `admin` first.
    public static func < (lhs: StaffRole, rhs: StaffRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The role named `name`; unknown names are refused, never defaulted.
    public init(named name: String) throws {
        guard let role = StaffRole(rawValue: name) else {
            throw IssuerError(.invalidRequest, "role must be one of admin, issuer, reviewer, viewer (not \"\(name)\")")
        }
        self = role
    }
}

/// The kinds of action the console and the admin API check a role against.
public enum StaffPermission: String, Sendable, CaseIterable {
    /// Read any page, list and export.
    case view
    /// Approve or reject held completions.
    case decideReviews
    /// Issue, resend, correct names, change addresses, revoke, suspend, reinstate, import.
    case changeCredentials
    /// Staff accounts, settings, programs, API keys, keys.
    case administer
}
