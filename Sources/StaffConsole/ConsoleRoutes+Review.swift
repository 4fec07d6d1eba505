import Foundation
import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// The Review pages: the queue of held completions (filters by program and age, paged in SQL),
    /// one completion with everything a reviewer needs, and approve / reject through a confirmation
    /// page to a result page. Deciding needs ``StaffPermission/decideReviews`` on the server.
    func registerReview(on console: RouterGroup<Context>) {
        console.get("review") { request, context in
            try await page(request, context) { _ in try await reviewQueuePage(query(request)) }
        }
        console.get("review/:id") { request, context in
            try await page(request, context) { session in
                let id = try ReviewFormat.identifier(context.parameters.get("id"), "completion")
                return ReviewPages.casePage(try await reviewCase(id), session: session)
            }
        }
        for decision in ReviewPages.Decision.allCases {
            console.get("review/:id/\(decision.rawValue)") { request, context in
                try await page(request, context, may: .decideReviews) { session in
                    let id = try ReviewFormat.identifier(context.parameters.get("id"), "completion")
                    return ReviewPages.confirmationPage(decision, try await heldCase(id), session: session, note: nil, error: nil)
                }
            }
            console.post("review/:id/\(decision.rawValue)") { request, context in
                try await action(request, context, may: .decideReviews) { session, form in
                    let id = try ReviewFormat.identifier(context.parameters.get("id"), "completion")
                    return try await decide(decision, id: id, form: form, session: session)
                }
            }
        }
    }

    func reviewQueuePage(_ query: ConsoleForm) async throws -> ConsolePage {
        let programs = try await environment.store.read { try $0.programs() }
        let programID = query.trimmed("program").flatMap { id in programs.contains { $0.id == id } ? id : nil }
        let age = query.trimmed("age").flatMap(ReviewAge.init(rawValue:)) ?? .any
        let bounds = age.bounds(now: environment.now())
        let filter = ReviewQueueFilter(programID: programID, receivedAtOrBefore: bounds.atOrBefore, receivedAfter: bounds.after)
        let pageNumber = ReviewFormat.page(query["page"])
        let queue = try await environment.store.read { try ReviewQueuePage.read(filter, page: pageNumber, pageSize: 25, from: $0) }
        return ReviewPages.queuePage(queue, programs: programs, programID: programID, age: age)
    }

    func reviewCase(_ id: String) async throws -> ReviewCase {
        let now = environment.now()
        guard let found = try await environment.store.read({ try ReviewCase.load(completionID: id, from: $0, now: now) }) else {
            throw ConsoleError(.notFound, "There is no completion \(id).")
        }
        return found
    }

    /// The case of a completion that is still held; a decided one cannot be decided again.
    func heldCase(_ id: String) async throws -> ReviewCase {
        let review = try await reviewCase(id)
        guard review.completion.state == .held else {
            throw ConsoleError(.badRequest, "This completion was already decided, so it cannot be decided again.")
        }
        return review
    }

    func decide(_ decision: ReviewPages.Decision, id: String, form: ConsoleForm, session: StaffSession) async throws -> Response {
        let review = try await heldCase(id)
        let note = form.trimmed("note")
        if let note, note.count > 2000 {
            let page = ReviewPages.confirmationPage(
                decision, review, session: session, note: note, error: "The note must be 2,000 characters or fewer.")
            return try await render(page, session: session)
        }
        let decisions = ReviewDecisions(environment: environment, reviewer: session.auditActor)
        switch decision {
        case .approve:
            let outcome = try await ReviewFormat.refusals { try await decisions.approve(id, note: note) }
            let credentialID: String? =
                switch outcome {
                case .issued(_, let credentialID), .alreadyHeld(_, let credentialID): credentialID
                default: nil
                }
            let credential = try await credentialID.asyncMap { id in try await environment.store.read { try $0.credentialSummary(id: id) } }
            let learner = try await environment.store.read { try $0.learner(id: review.completion.learnerID) }
            return try await render(
                ReviewPages.approvedPage(review, credential: credential ?? nil, learner: learner, issuer: issuer), session: session)
        case .reject:
            guard let note else {
                let page = ReviewPages.confirmationPage(
                    decision, review, session: session, note: nil, error: "Say why the completion is rejected.")
                return try await render(page, session: session)
            }
            try await ReviewFormat.refusals { try await decisions.reject(id, note: note) }
            return try await render(ReviewPages.rejectedPage(review), session: session)
        }
    }
}

extension Optional {
    /// `transform` of the value, or `nil`.
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
