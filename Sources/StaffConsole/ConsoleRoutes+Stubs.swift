import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// The page of a section whose console pages are not built yet: it says so, and names the
    /// command and API that do the same work today, so nobody is left at a dead end.
    func stubPage(_ section: ConsoleSection) -> ConsolePage {
        let instead: String
        switch section {
        default:
            instead = "Use the <code>attest</code> command or the admin API."
        }
        return ConsolePage(
            title: section.title, section: section,
            body: "<h1>\(section.title)</h1><p>These pages are not in the console yet.</p><p>\(instead)</p>")
    }
}
