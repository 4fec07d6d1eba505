import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// A placeholder page for a section whose pages are not built yet.
    func stubPage(_ section: ConsoleSection) -> ConsolePage {
        ConsolePage(
            title: section.title, section: section,
            body: "<h1>\(section.title)</h1><p>This part of the console is not built yet.</p>")
    }
}
