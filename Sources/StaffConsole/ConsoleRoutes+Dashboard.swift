import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// The Dashboard at `/console/dashboard`: the monitoring figures computed from the database
    /// (``DashboardFigures``, at most ``DashboardCache/maximumAge`` seconds old) against their
    /// targets, and the two charts; above them, when issuances wait to be checked, how many and how
    /// many are overdue (``RolloutPages/dashboardNotice(_:now:)``). Every role may see it.
    func registerDashboard(on console: RouterGroup<Context>) {
        console.get("dashboard") { request, context in
            try await page(request, context) { _ in
                let figures = try await DashboardCache.shared.figures(for: environment, now: environment.now())
                // The post-issuance check list is live, not cached: an overdue check is news now.
                let checks = try await environment.store.read { try $0.rolloutChecks(programID: nil, state: .open) }
                let notice = RolloutPages.dashboardNotice(checks, now: environment.now())
                return ConsolePage(title: "Dashboard", section: .dashboard, body: notice + DashboardView.body(figures))
            }
        }
    }
}
