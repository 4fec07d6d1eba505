import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// The Audit pages under `/console/audit` (a stub until its pages are built).
    func registerAudit(on console: RouterGroup<Context>) {
        console.get("audit") { request, context in
            try await page(request, context) { _ in stubPage(.audit) }
        }
    }
}
