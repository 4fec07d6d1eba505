import HTTPTypes

/// One console page before the layout wraps it: the title (the `<title>` reads "TITLE — Staff
/// console — ISSUER"), the navigation entry it belongs to, the main content and the status.
public struct ConsolePage: Sendable {
    /// The page's own heading and the first part of its `<title>`.
    public var title: String
    /// The navigation entry shown as current; `nil` for pages outside the navigation.
    public var section: ConsoleSection?
    /// What goes inside `<main>` (the layout adds nothing but the header and navigation; put
    /// the `<h1>` in the body yourself, see ``ConsoleMarkup/heading(_:caption:)``).
    public var body: HTML
    /// The HTTP status (200, or 400 for a form shown again with errors, …).
    public var status: HTTPResponse.Status

    /// A page.
    public init(title: String, section: ConsoleSection?, body: HTML, status: HTTPResponse.Status = .ok) {
        self.title = title
        self.section = section
        self.body = body
        self.status = status
    }
}
