import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// The Review pages under `/console/review` (a stub until its pages are built).
    func registerReview(on console: RouterGroup<Context>) {
        console.get("review") { request, context in
            try await page(request, context) { _ in stubPage(.review) }
        }
    }
}
