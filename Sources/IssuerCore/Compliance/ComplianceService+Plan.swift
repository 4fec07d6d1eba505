import Foundation

/// What saving a training configuration would do to the workers' certificates, counted before
/// anything changes: the confirmation of the console's "Enable certificates" shows it.
public struct ComplianceCertificatePlan: Sendable, Hashable {
    /// Workers who would get a first certificate at once (they hold every required module).
    public var issue: [String] = []
    /// Workers whose certificate would be replaced (the required modules changed).
    public var reissue: [String] = []
    /// Workers whose certificate would be suspended (a module is missing or expired).
    public var suspend: [String] = []
    /// Workers whose suspended certificate would be valid again.
    public var reinstate: [String] = []
    /// Every worker the configuration applies to, or once applied to (the ones evaluated on save).
    public var workers: [String] = []

    /// An empty plan.
    public init() {}
}

extension ComplianceService {
    /// Dry run of ``saveConfiguration(_:)`` for `configuration` (which need not be stored yet): for
    /// every worker that saving would evaluate, the same snapshot, state and certificate decision
    /// that ``evaluate(learnerID:configurationID:)`` acts on, with nothing written. The count can
    /// still change before the save if someone records a completion in between.
    /// - Throws: ``IssuerError`` `invalidConfiguration` when the configuration is not valid.
    public func plannedCertificates(for configuration: TrainingConfiguration) async throws -> ComplianceCertificatePlan {
        try configuration.validate()
        let now = environment.now()
        return try await environment.store.read { reading in
            var plan = ComplianceCertificatePlan()
            plan.workers = try Self.workers(of: configuration.id, in: reading)
            guard configuration.issuesCertificates else { return plan }
            for learnerID in plan.workers {
                let snapshot = try ComplianceSnapshot.read(learnerID: learnerID, configuration: configuration, from: reading)
                switch Self.certificateStep(state: snapshot.state(learnerID: learnerID, now: now), snapshot: snapshot) {
                case .issue: plan.issue.append(learnerID)
                case .reissue: plan.reissue.append(learnerID)
                case .suspend: plan.suspend.append(learnerID)
                case .reinstate: plan.reinstate.append(learnerID)
                case .none, .finishPending: break
                }
            }
            return plan
        }
    }

    /// The workers a save of configuration `id` evaluates: everyone ever assigned to it, by id.
    static func workers(of id: String, in reading: any IssuerReading) throws -> [String] {
        Set(try reading.trainingAssignments(learnerID: nil).filter { $0.configurationID == id }.map(\.learnerID)).sorted()
    }
}
