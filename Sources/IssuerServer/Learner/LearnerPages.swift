import Delivery
import Foundation
import Mustache

/// Renders the learner portal's pages (``LearnerPortalTemplates``).
struct LearnerPages: Sendable {
    private let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        library.register(try HTMLEscaping.template(LearnerPortalTemplates.login), named: "login")
        library.register(try HTMLEscaping.template(LearnerPortalTemplates.sent), named: "sent")
        library.register(try HTMLEscaping.template(LearnerPortalTemplates.portal), named: "portal")
        self.library = library
    }

    func login(message: String?, email: String?) -> String {
        var values: [String: Any] = ["title": "Your certificates"]
        if let message { values["message"] = message }
        if let email { values["email"] = email }
        return library.render(values, withTemplate: "login") ?? ""
    }

    func sent(message: String) -> String {
        library.render(["title": "Check your email", "message": message], withTemplate: "sent") ?? ""
    }

    /// One entry of the portal page.
    struct Entry {
        var id: String
        var name: String
        var stateText: String
        var issuedOn: String
        var validUntil: String?
        var hasPDF: Bool
    }

    func portal(issuerName: String, email: String, expiresAt: String, token: String, entries: [Entry]) -> String {
        let credentials: [[String: Any]] = entries.map { entry in
            var values: [String: Any] = [
                "id": entry.id, "name": entry.name, "stateText": entry.stateText, "issuedOn": entry.issuedOn, "hasPDF": entry.hasPDF,
                "token": token,
            ]
            if let validUntil = entry.validUntil { values["validUntil"] = validUntil }
            return values
        }
        return library.render(
            [
                "title": "Your certificates — \(issuerName)", "issuerName": issuerName, "email": email, "expiresAt": expiresAt,
                "credentials": credentials, "hasCredentials": !entries.isEmpty,
            ], withTemplate: "portal") ?? ""
    }
}
