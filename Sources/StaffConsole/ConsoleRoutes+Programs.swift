import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// The Programs pages under `/console/programs` (a stub until its pages are built).
    func registerPrograms(on console: RouterGroup<Context>) {
        console.get("programs") { request, context in
            try await page(request, context) { _ in stubPage(.programs) }
        }
    }
}
