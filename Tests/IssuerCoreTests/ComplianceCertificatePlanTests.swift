import Foundation
import IssuerCore
import Testing

/// The dry run of saving a training configuration names exactly the workers the save then issues
/// to, reissues, suspends or reinstates, and changes nothing itself.
@Suite("Compliance certificate plan: the dry run matches the save")
struct ComplianceCertificatePlanTests {
    static let modules = [
        TrainingModule(id: "electrical-safety", name: "Electrical safety", validity: "P1Y"),
        TrainingModule(id: "lockout-tagout", name: "Lockout/tagout", validity: "P2Y"),
        TrainingModule(id: "confined-spaces", name: "Confined spaces", required: false),
    ]
    static let off = TrainingConfiguration(id: "site-electricians", group: "Site electricians", modules: modules)

    static func enabled(_ configuration: TrainingConfiguration) -> TrainingConfiguration {
        var changed = configuration
        changed.certificate = ComplianceCertificateSettings(enabled: true)
        return changed
    }

    /// The plan's lists as the actions of `outcomes` would make them.
    static func actions(_ outcomes: [ComplianceOutcome]) -> ComplianceCertificatePlan {
        var plan = ComplianceCertificatePlan()
        for outcome in outcomes {
            let id = outcome.state.learnerID
            plan.workers.append(id)
            switch outcome.action {
            case .issued: plan.issue.append(id)
            case .reissued: plan.reissue.append(id)
            case .suspended: plan.suspend.append(id)
            case .reinstated: plan.reinstate.append(id)
            case .none: break
            }
        }
        return plan
    }

    /// Ana holds both required modules and Confined spaces, Bruno only Electrical safety, Carla nothing.
    func setUp() async throws -> (IssuerFixture, ComplianceService, [String]) {
        let fixture = try await IssuerFixture()
        let service = ComplianceService(environment: fixture.environment, actor: "test")
        try await service.saveConfiguration(Self.off)
        var ids: [String] = []
        for (reference, name) in [("W-1", "Ana Lima"), ("W-2", "Bruno Dias"), ("W-3", "Carla Reis")] {
            let worker = try await service.worker(reference, email: "\(reference)@example.org", name: name)
            try await service.join(learnerID: worker.id, configurationID: Self.off.id)
            ids.append(worker.id)
        }
        for module in ["electrical-safety", "lockout-tagout", "confined-spaces"] {
            try await service.complete(learnerID: ids[0], moduleID: module)
        }
        try await service.complete(learnerID: ids[1], moduleID: "electrical-safety")
        return (fixture, service, ids)
    }

    @Test("enabling certificates: the plan names exactly the worker who holds every required module, and the save issues to them")
    func enabling() async throws {
        let (_, service, ids) = try await setUp()
        let plan = try await service.plannedCertificates(for: Self.enabled(Self.off))
        #expect(plan.issue == [ids[0]])
        #expect(plan.workers == ids.sorted())
        #expect(try await service.plannedCertificates(for: Self.enabled(Self.off)) == plan, "the dry run changed nothing")
        let outcomes = try await service.saveConfiguration(Self.enabled(Self.off))
        #expect(Self.actions(outcomes) == plan)
    }

    @Test("changing the required modules: the plan's reissues and suspensions are the save's")
    func changingModules() async throws {
        let (_, service, ids) = try await setUp()
        try await service.saveConfiguration(Self.enabled(Self.off))
        // Confined spaces becomes required: Ana holds it (reissue); Bruno and Carla hold no certificate.
        var stricter = Self.enabled(Self.off)
        stricter.modules[2].required = true
        let plan = try await service.plannedCertificates(for: stricter)
        #expect(plan.reissue == [ids[0]] && plan.issue.isEmpty && plan.suspend.isEmpty)
        #expect(Self.actions(try await service.saveConfiguration(stricter)) == plan)
        // A new required module nobody holds: Ana's certificate is suspended.
        var harder = stricter
        harder.modules.append(TrainingModule(id: "working-at-height", name: "Working at height"))
        let suspension = try await service.plannedCertificates(for: harder)
        #expect(suspension.suspend == [ids[0]] && suspension.reissue.isEmpty)
        #expect(Self.actions(try await service.saveConfiguration(harder)) == suspension)
        // Taken away again: the certificate signs exactly what is required, so it is reinstated, as planned.
        let back = try await service.plannedCertificates(for: stricter)
        #expect(back.reinstate == [ids[0]])
        #expect(Self.actions(try await service.saveConfiguration(stricter)) == back)
    }

    @Test("a configuration that is not valid is refused by the dry run as by the save")
    func invalidIsRefused() async throws {
        let (_, service, _) = try await setUp()
        var broken = Self.off
        broken.modules[0].validity = "one year"
        await #expect(throws: IssuerError.self) { try await service.plannedCertificates(for: broken) }
    }
}
