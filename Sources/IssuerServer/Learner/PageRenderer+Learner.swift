import Foundation
import Mustache

/// The learner portal's pages (``LearnerPortalTemplates``).
extension PageRenderer {
    func learnerLogin(message: String?, email: String?) -> String {
        var values: [String: Any] = ["title": "Your certificates"]
        if let message { values["message"] = message }
        if let email { values["email"] = email }
        return library.render(values, withTemplate: "learner-login") ?? ""
    }

    func learnerLinkSent(message: String) -> String {
        library.render(["title": "Check your email", "message": message], withTemplate: "learner-sent") ?? ""
    }

    /// One entry of the portal page.
    struct LearnerEntry {
        var id: String
        var name: String
        var stateText: String
        var issuedOn: String
        var validUntil: String?
        var hasPDF: Bool
        /// The "add to a wallet" page with the credential's claim token, for an active credential.
        var walletLink: String? = nil
    }

    func learnerPortal(issuerName: String, email: String, expiresAt: String, token: String, entries: [LearnerEntry]) -> String {
        let credentials: [[String: Any]] = entries.map { entry in
            var values: [String: Any] = [
                "id": entry.id, "name": entry.name, "stateText": entry.stateText, "issuedOn": entry.issuedOn, "hasPDF": entry.hasPDF,
                "token": token,
            ]
            if let validUntil = entry.validUntil { values["validUntil"] = validUntil }
            if let walletLink = entry.walletLink { values["walletLink"] = walletLink }
            return values
        }
        return library.render(
            [
                "title": "Your certificates — \(issuerName)", "issuerName": issuerName, "email": email, "expiresAt": expiresAt,
                "credentials": credentials, "hasCredentials": !entries.isEmpty, "token": token,
            ], withTemplate: "learner-portal") ?? ""
    }
}
