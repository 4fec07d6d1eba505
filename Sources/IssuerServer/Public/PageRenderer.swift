import Foundation
import HTTPTypes
import Mustache
import Pages

/// Renders the public HTML pages (and the learner portal's, in ``PageRenderer+Learner``) with Mustache. Every value goes through `{{…}}`, which escapes
/// `< > & " '` (``HTMLEscaping``), so a learner called `<script>` is shown, never run.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    init() throws {
        // Every template escapes with `HTMLEscaping` (see there for why not Mustache's own).
        var library = MustacheLibrary()
        library.register(try HTMLEscaping.template(PageTemplates.verification), named: "verification")
        library.register(try HTMLEscaping.template(PageTemplates.verifyForm), named: "verify")
        library.register(try HTMLEscaping.template(PageTemplates.error), named: "error")
        library.register(try HTMLEscaping.template(LearnerPortalTemplates.login), named: "learner-login")
        library.register(try HTMLEscaping.template(LearnerPortalTemplates.sent), named: "learner-sent")
        library.register(try HTMLEscaping.template(LearnerPortalTemplates.portal), named: "learner-portal")
        self.library = library
    }

    func verificationPage(_ page: VerificationPage) -> String {
        var values: [String: Any] = [
            "title": "\(page.state.banner): \(page.achievementName) — \(page.learnerName)",
            "state": page.state.rawValue, "banner": page.state.banner, "explanation": page.state.explanation,
            "learnerName": page.learnerName, "achievementName": page.achievementName, "issuerName": page.issuerName,
            "credentialID": page.credentialID, "pageURL": page.pageURL, "signatureChecked": page.signatureChecked,
            "signatureMessage": page.signatureMessage, "hasPDF": page.hasPDF, "hasPNG": page.hasPNG,
            "modules": page.modules.map { ["name": $0.name, "narrative": $0.narrative] }, "hasModules": !page.modules.isEmpty,
            "description": "\(page.learnerName) — \(page.achievementName), issued by \(page.issuerName)",
        ]
        let optional: [String: String?] = [
            "stateReason": page.stateReason, "achievementDescription": page.achievementDescription, "validFrom": page.validFrom,
            "validUntil": page.validUntil, "completedOn": page.completedOn, "score": page.score, "signingKey": page.signingKey,
            "supersededBy": page.supersededBy, "linkedInURL": page.linkedInURL,
        ]
        for (key, value) in optional { if let value { values[key] = value } }
        if page.hasPNG { values["imageURL"] = page.pageURL + ".png" }
        if let training = page.training {
            values["training"] = training.templateValues
            if training.decidesVerdict {
                (values["banner"], values["state"], values["explanation"]) = (training.banner, training.isValid ? "valid" : "invalid", training.explanation)
                values["title"] = "\(training.banner): \(page.achievementName) — \(page.learnerName)"
            }
        }
        return library.render(values, withTemplate: "verification") ?? ""
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
