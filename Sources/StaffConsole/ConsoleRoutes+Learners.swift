import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// The Learners pages under `/console/learners` (a stub until its pages are built).
    func registerLearners(on console: RouterGroup<Context>) {
        console.get("learners") { request, context in
            try await page(request, context) { _ in stubPage(.learners) }
        }
    }
}
