import Foundation

/// Where one worker stands against one training configuration at one moment: a pure function of
/// the configuration, their assignments, their completions and `now`.
public struct ComplianceState: Sendable, Hashable {
    /// Where one required module stands.
    public enum ModuleState: String, Sendable, Hashable, Codable {
        /// Completed and valid.
        case complete
        /// Completed and valid, but within the reminder lead time of its expiry.
        case expiring
        /// Completed once; the validity period has passed.
        case expired
        /// Never completed (or the completion was removed).
        case missing

        /// Whether the module counts as held.
        public var isHeld: Bool { self == .complete || self == .expiring }
    }

    /// One required module.
    public struct Module: Sendable, Hashable {
        /// The module id.
        public var id: String
        /// Its name as people read it.
        public var name: String
        /// Where it stands.
        public var state: ModuleState
        /// The latest completion that counts, if any.
        public var completionID: String?
        /// When the counted completion happened.
        public var completedAt: Date?
        /// When the counted completion stops being valid; `nil` when the module never expires.
        public var expiresAt: Date?
    }

    /// The configuration judged.
    public var configurationID: String
    /// The worker judged.
    public var learnerID: String
    /// The moment judged.
    public var evaluatedAt: Date
    /// Required modules in the configuration's order (group modules, then individually assigned ones).
    public var modules: [Module]
    /// The next moment the state changes by time alone (an expiry or the start of a reminder window).
    public var nextChangeAt: Date?

    /// Whether the configuration applies to the worker at all (member or assigned a module).
    public var applies: Bool { !modules.isEmpty }
    /// VALID: every required module is held.
    public var isValid: Bool { applies && modules.allSatisfy(\.state.isHeld) }
    /// The required module ids.
    public var requiredModuleIDs: [String] { modules.map(\.id) }
    /// The modules missing or expired.
    public var unmet: [Module] { modules.filter { !$0.state.isHeld } }

    /// Evaluates the state at `now`. A completion dated after `now` does not count yet (its date
    /// becomes a next change); of several completions of a module the latest counts. A module is
    /// expired from the exact moment its validity ends.
    public static func evaluate(
        configuration: TrainingConfiguration, learnerID: String, assignments: [TrainingAssignment], completions: [TrainingCompletion],
        now: Date
    ) -> ComplianceState {
        let inForce = assignments.filter { $0.isActive && $0.learnerID == learnerID && $0.configurationID == configuration.id }
        let member = inForce.contains { $0.moduleID == nil }
        let assigned = Set(inForce.compactMap(\.moduleID))
        let required = configuration.modules.filter { (member && $0.required) || assigned.contains($0.id) }
        let lead = configuration.reminderLead
        var changes: [Date] = []
        let counted = completions.filter { $0.isActive && $0.learnerID == learnerID }
        let modules = required.map { module -> Module in
            let ofModule = counted.filter { $0.moduleID == module.id }
            changes += ofModule.map(\.completedAt).filter { $0 > now }
            guard let latest = ofModule.filter({ $0.completedAt <= now }).max(by: { $0.completedAt < $1.completedAt }) else {
                return Module(id: module.id, name: module.name, state: .missing)
            }
            let expiresAt = module.expiry(completedAt: latest.completedAt)
            var state = ModuleState.complete
            if let expiresAt {
                let reminderAt = lead.map { $0.subtracted(from: expiresAt) }
                if expiresAt <= now {
                    state = .expired
                } else {
                    changes.append(expiresAt)
                    if let reminderAt, reminderAt <= now { state = .expiring } else if let reminderAt { changes.append(reminderAt) }
                }
            }
            return Module(
                id: module.id, name: module.name, state: state, completionID: latest.id, completedAt: latest.completedAt,
                expiresAt: expiresAt)
        }
        return ComplianceState(
            configurationID: configuration.id, learnerID: learnerID, evaluatedAt: now, modules: modules, nextChangeAt: changes.min())
    }
}

extension ISODuration {
    /// The moment this duration before `date` (calendar parts on the UTC calendar, like ``added(to:)``).
    public func subtracted(from date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(
            year: -years, month: -months, day: -(days + weeks * 7), hour: -hours, minute: -minutes, second: -seconds)
        return calendar.date(byAdding: components, to: date)!
    }
}
