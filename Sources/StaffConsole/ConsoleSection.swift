/// The entries of the console's top navigation, in order.
public enum ConsoleSection: String, Sendable, CaseIterable {
    case dashboard, review, learners, credentials, programs, training, `import`, audit, settings

    /// The label in the navigation and the page title.
    public var title: String {
        switch self {
        case .dashboard: "Dashboard"
        case .review: "Review"
        case .learners: "Learners"
        case .credentials: "Credentials"
        case .programs: "Programs"
        case .training: "Training"
        case .import: "Import"
        case .audit: "Audit"
        case .settings: "Settings"
        }
    }

    /// The path of the section's first page (`/console/dashboard`, …).
    public var path: String { "/console/\(rawValue)" }
}
