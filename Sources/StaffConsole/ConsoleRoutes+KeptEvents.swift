import Foundation
import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// Review → Kept events: the list (filter by why), one event, and for staff who may change
    /// credentials the correction of an event kept for invalid learner data and the discard of any
    /// (``IssuerAdministration/correctKeptEvent(_:_:note:)``, ``IssuerAdministration/discardKeptEvent(_:reason:)``).
    func registerKeptEvents(on console: RouterGroup<Context>) {
        console.get("kept") { request, context in
            try await page(request, context) { _ in
                let state = query(request).trimmed("state").flatMap(ParkedState.init(rawValue:))
                let (kept, counts) = try await environment.store.read {
                    (try $0.parkedEvents(state: state, limit: KeptEventPages.listLimit), try $0.parkedEventCounts())
                }
                return KeptEventPages.listPage(kept, state: state, counts: counts)
            }
        }
        console.get("kept/:id") { request, context in
            try await page(request, context) { session in KeptEventPages.eventPage(try await keptEvent(context), session: session) }
        }
        console.post("kept/:id/correct") { request, context in
            try await action(request, context, may: .changeCredentials) { session, form in
                let kept = try await keptEvent(context)
                let values = KeptEventPages.CorrectionValues(form)
                func again(_ field: String, _ message: String) async throws -> Response {
                    let page = KeptEventPages.eventPage(
                        kept, session: session, correction: values, problem: FieldProblem(field: field, message: message))
                    return try await render(page, session: session)
                }
                let correction = IssuerAdministration.LearnerCorrection(
                    legalName: values.legalName, preferredName: values.preferredName.trimmingCharacters(in: .whitespaces), email: values.email)
                var learner = kept.event.learner
                correction.apply(to: &learner)
                // The first problem beside its field; the same check refuses it again in the domain.
                if let problem = learner.problems.first { return try await again(problem.field.rawValue, ReviewFormat.sentence(problem.message)) }
                guard values.note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == false else {
                    return try await again("note", "Say where the right data came from.")
                }
                let administration = IssuerAdministration(environment: environment, actor: session.auditActor)
                let outcome = try await ReviewFormat.refusals { try await administration.correctKeptEvent(kept.id, correction, note: values.note) }
                return try await render(KeptEventPages.decidedPage(kept, outcome: outcome), session: session)
            }
        }
        console.post("kept/:id/discard") { request, context in
            try await action(request, context, may: .changeCredentials) { session, form in
                let kept = try await keptEvent(context)
                let reason = form["reason"] ?? ""
                guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    let page = KeptEventPages.eventPage(
                        kept, session: session, problem: FieldProblem(field: "reason", message: "Say why the event is discarded."))
                    return try await render(page, session: session)
                }
                let administration = IssuerAdministration(environment: environment, actor: session.auditActor)
                try await ReviewFormat.refusals { try await administration.discardKeptEvent(kept.id, reason: reason) }
                return try await render(KeptEventPages.discardedPage(kept), session: session)
            }
        }
    }

    private func keptEvent(_ context: Context) async throws -> ParkedEvent {
        let id = try ReviewFormat.identifier(context.parameters.get("id"), "kept event")
        guard let kept = try await environment.store.read({ try $0.parkedEvent(id: id) }) else {
            throw ConsoleError(.notFound, "There is no kept event \(id); it may have been decided or discarded already.")
        }
        return kept
    }
}
