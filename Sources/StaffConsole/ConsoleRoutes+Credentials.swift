import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// The Credentials pages under `/console/credentials` (a stub until its pages are built).
    func registerCredentials(on console: RouterGroup<Context>) {
        console.get("credentials") { request, context in
            try await page(request, context) { _ in stubPage(.credentials) }
        }
    }
}
