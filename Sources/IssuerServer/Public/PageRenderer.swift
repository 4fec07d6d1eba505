import Foundation
import HTTPTypes
import Mustache
import Pages

/// Renders the public HTML pages (and the learner portal's, in ``PageRenderer+Learner``) with Mustache, except the
/// verification page (``VerificationPageHTML``, the one page under load). Every value goes through `{{…}}`, which escapes
/// `< > & " '` (``HTMLEscaping``), so a learner called `<script>` is shown, never run.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    init() throws {
        // Every template escapes with `HTMLEscaping` (see there for why not Mustache's own).
        var library = MustacheLibrary()
        library.register(try HTMLEscaping.template(PageTemplates.verifyForm), named: "verify")
        library.register(try HTMLEscaping.template(PageTemplates.error), named: "error")
        library.register(try HTMLEscaping.template(LearnerPortalTemplates.login), named: "learner-login")
        library.register(try HTMLEscaping.template(LearnerPortalTemplates.sent), named: "learner-sent")
        library.register(try HTMLEscaping.template(LearnerPortalTemplates.portal), named: "learner-portal")
        self.library = library
    }

    /// The verification page (``VerificationPageHTML``: written in Swift, not through Mustache).
    func verificationPage(_ page: VerificationPage) -> String {
        String(decoding: VerificationPageHTML.render(page), as: UTF8.self)
    }

    func verifyForm(message: String?, passcode: String?) -> String {
        var values: [String: Any] = ["title": "Verify a certificate"]
        if let message { values["message"] = message }
        if let passcode { values["passcode"] = passcode }
        return library.render(values, withTemplate: "verify") ?? ""
    }

    func errorPage(status: HTTPResponse.Status, detail: String) -> String {
        let heading = status == .notFound ? "Not found" : status.reasonPhrase
        return library.render(["title": heading, "heading": heading, "detail": detail, "status": status.code], withTemplate: "error") ?? ""
    }
}
