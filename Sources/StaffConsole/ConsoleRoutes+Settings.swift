import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// The Settings pages under `/console/settings` (a stub until its pages are built).
    func registerSettings(on console: RouterGroup<Context>) {
        console.get("settings") { request, context in
            try await page(request, context) { _ in stubPage(.settings) }
        }
    }
}
