import Foundation
import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// A worker's training page under `/console/training/workers/:id`: the live state of each
    /// module in each group (``IssuerCore/WorkerTrainingDocument``), recording a completion,
    /// removing one with a reason (through a confirmation), and the training history PDF. Changes
    /// need ``StaffPermission/changeCredentials`` and go through ``IssuerCore/ComplianceService``
    /// under the signed-in person.
    func registerTrainingWorkers(on console: RouterGroup<Context>) {
        console.get("training/workers/:id") { request, context in
            try await page(request, context) { session in
                TrainingWorkerPages.workerPage(try await workerDocument(context), session: session)
            }
        }
        console.post("training/workers/:id/completions") { request, context in
            try await action(request, context, may: .changeCredentials) { session, form in
                try await recordCompletion(form, document: try await workerDocument(context), session: session)
            }
        }
        console.get("training/workers/:id/completions/:module/remove") { request, context in
            try await page(request, context, may: .changeCredentials) { session in
                let (document, module) = try await completedModule(context)
                return TrainingWorkerPages.removePage(document, module: module, session: session, form: nil, error: nil)
            }
        }
        console.post("training/workers/:id/completions/:module/remove") { request, context in
            try await action(request, context, may: .changeCredentials) { session, form in
                let (document, module) = try await completedModule(context)
                // The same bound as every other reason a person gives (LearnerActions: 1,000 characters).
                guard let reason = form.trimmed("reason"), reason.count <= 1000 else {
                    let tooLong = (form.trimmed("reason")?.count ?? 0) > 1000
                    return try await render(
                        TrainingWorkerPages.removePage(
                            document, module: module, session: session, form: form,
                            error: tooLong
                                ? "Keep the reason under 1,000 characters." : "Say why; it is kept in the audit trail with your name."),
                        session: session)
                }
                let outcomes = try await ReviewFormat.refusals {
                    try await ComplianceService(environment: environment, actor: session.auditActor).uncomplete(
                        learnerID: document.learner.id, moduleID: module.id, reason: reason)
                }
                return try await workerResult(
                    document, heading: "Completion removed",
                    line: "The completion of \(module.name) no longer counts for \(document.learner.certificateName).", outcomes: outcomes,
                    session: session)
            }
        }
        for path in ["training/workers/:id/withdraw/:configuration", "training/workers/:id/withdraw/:configuration/:module"] {
            console.get(RouterPath(path)) { request, context in
                try await page(request, context, may: .changeCredentials) { session in
                    let (document, entry, module) = try await assignment(context)
                    return TrainingWorkerPages.withdrawPage(document, entry: entry, module: module, session: session)
                }
            }
            console.post(RouterPath(path)) { request, context in
                try await action(request, context, may: .changeCredentials) { session, _ in
                    let (document, entry, module) = try await assignment(context)
                    let outcome = try await ReviewFormat.refusals {
                        try await ComplianceService(environment: environment, actor: session.auditActor).unassign(
                            learnerID: document.learner.id, configurationID: entry.configuration.id, moduleID: module?.id)
                    }
                    let what = module.map { "the module \($0.name) of \(entry.configuration.group)" } ?? entry.configuration.group
                    return try await workerResult(
                        document, heading: "Assignment withdrawn",
                        line: "\(document.learner.certificateName) is no longer assigned \(what).", outcomes: [outcome], session: session)
                }
            }
        }
        console.post("training/workers/:id/history") { request, context in
            try await action(request, context, may: .changeCredentials) { session, form in
                let document = try await workerDocument(context)
                let configuration = try ReviewFormat.identifier(form.trimmed("configuration"), "training configuration")
                let pdf = try await ReviewFormat.refusals {
                    try await LearnerActions(environment: environment, actor: session.auditActor).trainingHistoryPDF(
                        learnerID: document.learner.id, configurationID: configuration)
                }
                return ConsoleResponse.download(
                    pdf, contentType: "application/pdf", fileName: "training-history-\(document.learner.externalID)-\(configuration).pdf")
            }
        }
    }

    /// The worker, their configuration and (for a single-module assignment) the module named in the path.
    func assignment(_ context: Context) async throws -> (WorkerTrainingDocument, WorkerTrainingDocument.Entry, TrainingModule?) {
        let document = try await workerDocument(context)
        let configurationID = try ReviewFormat.identifier(context.parameters.get("configuration"), "training configuration")
        let moduleID = try context.parameters.get("module").map { try ReviewFormat.identifier($0, "module") }
        guard let entry = document.entries.first(where: { $0.configuration.id == configurationID }),
            document.assignments.contains(where: { $0.isActive && $0.configurationID == configurationID && $0.moduleID == moduleID })
        else { throw ConsoleError(.notFound, "\(document.learner.certificateName) has no such assignment in \(configurationID).") }
        return (document, entry, moduleID.flatMap { entry.configuration.module($0) })
    }

    func workerDocument(_ context: Context) async throws -> WorkerTrainingDocument {
        let id = try ReviewFormat.identifier(context.parameters.get("id"), "worker")
        return try await ReviewFormat.refusals { try await WorkerTrainingDocument.make(learnerID: id, environment: environment) }
    }

    /// The worker and the module in the path, which must hold a completion that counts now.
    func completedModule(_ context: Context) async throws -> (WorkerTrainingDocument, ComplianceState.Module) {
        let document = try await workerDocument(context)
        let moduleID = try ReviewFormat.identifier(context.parameters.get("module"), "module")
        guard let module = document.entries.flatMap(\.state.modules).first(where: { $0.id == moduleID && $0.completionID != nil }) else {
            throw ConsoleError(.notFound, "\(document.learner.certificateName) has no completion of \(moduleID) that counts.")
        }
        return (document, module)
    }

    func recordCompletion(_ form: ConsoleForm, document: WorkerTrainingDocument, session: StaffSession) async throws -> Response {
        func again(_ field: String, _ message: String) async throws -> Response {
            try await render(
                TrainingWorkerPages.workerPage(document, session: session, form: form, problem: .init(field: field, message: message)),
                session: session)
        }
        guard let moduleID = form.trimmed("module"), let module = TrainingWorkerPages.modules(document).first(where: { $0.id == moduleID })
        else { return try await again("module", "Choose a module of the worker’s groups.") }
        guard let day = form.trimmed("completedOn").flatMap(ConsoleDates.startOfDay) else {
            return try await again("completedOn", "Enter the day it was completed, such as 2026-11-23.")
        }
        guard day <= environment.now() else { return try await again("completedOn", "The day it was completed cannot be in the future.") }
        let outcomes = try await ReviewFormat.refusals {
            try await ComplianceService(environment: environment, actor: session.auditActor).complete(
                learnerID: document.learner.id, moduleID: module.id, at: day)
        }
        return try await workerResult(
            document, heading: "Completion recorded",
            line: "\(document.learner.certificateName) completed \(module.name) on \(ReviewFormat.day(day)).", outcomes: outcomes,
            session: session)
    }

    func workerResult(
        _ document: WorkerTrainingDocument, heading: String, line: String, outcomes: [ComplianceOutcome], session: StaffSession
    ) async throws -> Response {
        let groups = Dictionary(document.entries.map { ($0.configuration.id, $0.configuration.group) }) { first, _ in first }
        return try await render(
            TrainingPages.resultPage(
                heading: heading, lines: [line] + TrainingPages.outcomeSentences(outcomes, groups: groups),
                links: [(TrainingPages.workerPath(document.learner.id), "Back to \(document.learner.certificateName)")]),
            session: session)
    }
}
