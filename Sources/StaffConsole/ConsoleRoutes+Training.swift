import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// The Training pages under `/console/training` (a stub until its pages are built).
    func registerTraining(on console: RouterGroup<Context>) {
        console.get("training") { request, context in
            try await page(request, context) { _ in stubPage(.training) }
        }
    }
}
