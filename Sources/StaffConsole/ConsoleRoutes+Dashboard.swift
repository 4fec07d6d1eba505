import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// The Dashboard pages under `/console/dashboard` (a stub until its pages are built).
    func registerDashboard(on console: RouterGroup<Context>) {
        console.get("dashboard") { request, context in
            try await page(request, context) { _ in stubPage(.dashboard) }
        }
    }
}
