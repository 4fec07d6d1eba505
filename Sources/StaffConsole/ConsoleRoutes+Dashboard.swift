import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// The Dashboard at `/console/dashboard`: the monitoring figures computed from the database
    /// (``DashboardFigures``, at most ``DashboardCache/maximumAge`` seconds old) against their
    /// targets, and the two charts. Every role may see it.
    func registerDashboard(on console: RouterGroup<Context>) {
        console.get("dashboard") { request, context in
            try await page(request, context) { _ in
                let figures = try await DashboardCache.shared.figures(for: environment, now: environment.now())
                return ConsolePage(title: "Dashboard", section: .dashboard, body: DashboardView.body(figures))
            }
        }
    }
}
