import Foundation
import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// The Training pages under `/console/training`: the configurations (groups) with their
    /// modules and reminder, created and changed by admins; the **Enable certificates** switch,
    /// whose confirmation counts (a dry run of the same decision) who gets a certificate at once;
    /// assigning workers (``StaffPermission/changeCredentials``); and each worker's page
    /// (``registerTrainingWorkers(on:)``). Every change goes through ``IssuerCore/ComplianceService``
    /// under the signed-in person, which audits it and re-evaluates the workers at once.
    func registerTraining(on console: RouterGroup<Context>) {
        console.get("training") { request, context in
            try await page(request, context) { session in
                let (configurations, assignments) = try await environment.store.read {
                    (try $0.trainingConfigurations(), try $0.trainingAssignments(learnerID: nil))
                }
                var counts: [String: Set<String>] = [:]
                for assignment in assignments where assignment.isActive {
                    counts[assignment.configurationID, default: []].insert(assignment.learnerID)
                }
                return TrainingPages.listPage(
                    configurations.sorted { $0.group < $1.group }, workerCounts: counts.mapValues(\.count), session: session)
            }
        }
        console.get("training/new") { request, context in
            try await page(request, context, may: .administer) { session in
                TrainingPages.configurationForm(existing: nil, session: session, form: nil, problem: nil)
            }
        }
        console.post("training/new") { request, context in
            try await action(request, context, may: .administer) { session, form in
                try await saveConfiguration(form, existing: nil, session: session)
            }
        }
        console.get("training/groups/:id") { request, context in
            try await page(request, context) { session in
                let configuration = try await trainingConfiguration(context)
                return TrainingPages.groupPage(configuration, members: try await members(of: configuration), session: session)
            }
        }
        console.get("training/groups/:id/edit") { request, context in
            try await page(request, context, may: .administer) { session in
                TrainingPages.configurationForm(
                    existing: try await trainingConfiguration(context), session: session, form: nil, problem: nil)
            }
        }
        console.post("training/groups/:id/edit") { request, context in
            try await action(request, context, may: .administer) { session, form in
                try await saveConfiguration(form, existing: try await trainingConfiguration(context), session: session)
            }
        }
        console.get("training/groups/:id/certificates") { request, context in
            try await page(request, context, may: .administer) { session in
                let configuration = try await trainingConfiguration(context)
                let proposed = Self.switching(configuration, on: !configuration.issuesCertificates)
                let plan = try await ComplianceService(environment: environment, actor: session.auditActor).plannedCertificates(
                    for: proposed)
                let names = try await learnerNames(plan.issue)
                return TrainingPages.certificatesPage(configuration, plan: plan, names: names, session: session)
            }
        }
        console.post("training/groups/:id/certificates") { request, context in
            try await action(request, context, may: .administer) { session, form in
                let configuration = try await trainingConfiguration(context)
                guard let wanted = form["enabled"].flatMap(Bool.init) else {
                    throw ConsoleError(.badRequest, "Say whether to enable certificates.")
                }
                let outcomes = try await ReviewFormat.refusals {
                    try await ComplianceService(environment: environment, actor: session.auditActor).saveConfiguration(
                        Self.switching(configuration, on: wanted))
                }
                let issued = outcomes.filter { if case .issued = $0.action { true } else { false } }.count
                let lines =
                    wanted
                    ? [
                        "Certificates are on for \(configuration.group).",
                        "\(issued) \(issued == 1 ? "worker was" : "workers were") issued a certificate at once; each is emailed to the worker.",
                    ] : ["No new certificates will be issued for \(configuration.group). Certificates already issued stay as they are."]
                return try await render(
                    TrainingPages.resultPage(
                        heading: wanted ? "Certificates enabled" : "Certificates stopped", lines: lines,
                        links: [(TrainingPages.groupPath(configuration.id), "Back to \(configuration.group)")]), session: session)
            }
        }
        console.post("training/groups/:id/assign") { request, context in
            try await action(request, context, may: .changeCredentials) { session, form in
                try await assign(form, configuration: try await trainingConfiguration(context), session: session)
            }
        }
        registerTrainingWorkers(on: console)
    }

    /// `configuration` with certificates switched `on` or off (its other certificate settings kept).
    static func switching(_ configuration: TrainingConfiguration, on: Bool) -> TrainingConfiguration {
        var switched = configuration
        var settings = configuration.certificate ?? ComplianceCertificateSettings(enabled: on)
        settings.enabled = on
        switched.certificate = settings
        return switched
    }

    /// People's names of the learners with these ids, for confirmations.
    func learnerNames(_ ids: [String]) async throws -> [String: String] {
        try await environment.store.read { reading in
            try Dictionary(ids.compactMap { try reading.learner(id: $0) }.map { ($0.id, $0.certificateName) }) { first, _ in first }
        }
    }

    func trainingConfiguration(_ context: Context) async throws -> TrainingConfiguration {
        let id = try ReviewFormat.identifier(context.parameters.get("id"), "training configuration")
        guard let configuration = try await environment.store.read({ try $0.trainingConfiguration(id: id) }) else {
            throw ConsoleError(.notFound, "There is no training configuration \(id).")
        }
        return configuration
    }

    /// The workers assigned to the group or one of its modules, by name, with their state now.
    func members(of configuration: TrainingConfiguration) async throws -> [TrainingPages.Member] {
        let now = environment.now()
        return try await environment.store.read { reading in
            let assignments = try reading.trainingAssignments(learnerID: nil).filter {
                $0.isActive && $0.configurationID == configuration.id
            }
            return try Set(assignments.map(\.learnerID)).compactMap { id -> TrainingPages.Member? in
                guard let learner = try reading.learner(id: id) else { return nil }
                let state = ComplianceState.evaluate(
                    configuration: configuration, learnerID: id, assignments: assignments,
                    completions: try reading.trainingCompletions(learnerID: id), now: now)
                return TrainingPages.Member(learner: learner, state: state)
            }.sorted { $0.learner.certificateName < $1.learner.certificateName }
        }
    }

    func saveConfiguration(_ form: ConsoleForm, existing: TrainingConfiguration?, session: StaffSession) async throws -> Response {
        func again(_ problem: FieldProblem) async throws -> Response {
            try await render(
                TrainingPages.configurationForm(existing: existing, session: session, form: form, problem: problem), session: session)
        }
        let configuration: TrainingConfiguration
        switch TrainingPages.configuration(from: form, existing: existing) {
        case .success(let valid): configuration = valid
        case .failure(let problem): return try await again(problem)
        }
        if existing == nil, try await environment.store.read({ try $0.trainingConfiguration(id: configuration.id) }) != nil {
            return try await again(
                .init(field: "id", message: "There is already a training configuration \(configuration.id); choose another id."))
        }
        let service = ComplianceService(environment: environment, actor: session.auditActor)
        if configuration.issuesCertificates, form["confirmed"] != "yes" {
            // A change to what certificates require is never one click: first say what it will do.
            let plan = try await ReviewFormat.refusals { try await service.plannedCertificates(for: configuration) }
            let changed = plan.issue + plan.reissue + plan.suspend + plan.reinstate
            if !changed.isEmpty {
                let names = try await learnerNames(changed)
                return try await render(
                    TrainingPages.certificateChangesPage(configuration, plan: plan, names: names, form: form, session: session),
                    session: session)
            }
        }
        let outcomes: [ComplianceOutcome]
        do {
            outcomes = try await service.saveConfiguration(configuration)
        } catch let error as IssuerError where error.code == .invalidConfiguration {
            return try await again(.init(field: "id", message: ReviewFormat.sentence(error.reason)))
        }
        let changed = outcomes.filter { $0.action != .none }
        return try await render(
            TrainingPages.resultPage(
                heading: existing == nil ? "Training configuration added" : "Training configuration saved",
                lines: ["\(configuration.group) has \(configuration.modules.count) modules."]
                    + TrainingPages.outcomeSentences(changed, groups: [configuration.id: configuration.group]),
                links: [
                    (TrainingPages.groupPath(configuration.id), "Go to \(configuration.group)"), ("/console/training", "Back to training"),
                ]),
            session: session)
    }

    func assign(_ form: ConsoleForm, configuration: TrainingConfiguration, session: StaffSession) async throws -> Response {
        func again(_ field: String, _ message: String) async throws -> Response {
            try await render(
                TrainingPages.groupPage(
                    configuration, members: try await members(of: configuration), session: session, assignForm: form,
                    problem: .init(field: field, message: message)), session: session)
        }
        guard let reference = form.trimmed("worker") else { return try await again("worker", "Enter the worker’s id.") }
        let moduleID = form.trimmed("what")
        if let moduleID, configuration.module(moduleID) == nil { return try await again("what", "Choose a module of this group.") }
        let service = ComplianceService(environment: environment, actor: session.auditActor)
        let worker: Learner
        do {
            worker = try await service.worker(reference, email: form.trimmed("email"), name: form.trimmed("name"))
        } catch let error as IssuerError where error.code == .notFound {
            return try await again("name", "There is no worker \(reference) yet: enter their name and email address to add them.")
        } catch let error as IssuerError where error.code == .invalidRequest {
            return try await again("email", ReviewFormat.sentence(error.reason))
        }
        let outcome = try await ReviewFormat.refusals {
            try await service.assign(learnerID: worker.id, configurationID: configuration.id, moduleID: moduleID)
        }
        let what =
            moduleID.flatMap { configuration.module($0)?.name }.map { "the module \($0) of \(configuration.group)" } ?? configuration.group
        return try await render(
            TrainingPages.resultPage(
                heading: "Worker assigned",
                lines: ["\(worker.certificateName) is assigned \(what)."]
                    + TrainingPages.outcomeSentences([outcome], groups: [configuration.id: configuration.group]),
                links: [
                    (TrainingPages.workerPath(worker.id), "Go to \(worker.certificateName)"),
                    (TrainingPages.groupPath(configuration.id), "Back to \(configuration.group)"),
                ]), session: session)
    }
}
