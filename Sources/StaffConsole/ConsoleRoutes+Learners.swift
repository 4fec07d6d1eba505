import Foundation
import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// The Learners pages: search by name, email or LMS id (through the store's index, paged in
    /// SQL), a learner's page with every credential and their training, and the actions on them,
    /// each through a confirmation page that says what will happen and asks why, then a result
    /// page (``registerLearnerActions(on:)``).
    func registerLearners(on console: RouterGroup<Context>) {
        console.get("learners") { request, context in
            try await page(request, context) { _ in
                let query = query(request)
                let text = String((query["q"] ?? "").prefix(200))
                let search = LearnerSearchText(text)
                let pageNumber = ReviewFormat.page(query["page"])
                let pageSize = 25
                let found = try await environment.store.read {
                    try $0.learners(matching: search, limit: pageSize + 1, offset: (pageNumber - 1) * pageSize)
                }
                return LearnerPages.searchPage(
                    text: text, learners: Array(found.prefix(pageSize)), page: pageNumber, hasNext: found.count > pageSize)
            }
        }
        console.get("learners/:id") { request, context in
            try await page(request, context) { session in
                let id = try ReviewFormat.identifier(context.parameters.get("id"), "learner")
                guard let profile = try await environment.store.read({ try LearnerProfile.load(learnerID: id, from: $0) }) else {
                    throw ConsoleError(.notFound, "There is no learner \(id).")
                }
                let training = try await WorkerTrainingDocument.make(learnerID: id, environment: environment)
                return LearnerPages.learnerPage(profile, training: training, session: session)
            }
        }
        registerLearnerActions(on: console)
    }
}
