import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// The Import pages under `/console/import` (a stub until its pages are built).
    func registerImport(on console: RouterGroup<Context>) {
        console.get("import") { request, context in
            try await page(request, context) { _ in stubPage(.`import`) }
        }
    }
}
