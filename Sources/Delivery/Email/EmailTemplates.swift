import Foundation
import Mustache
import Pages

/// The subject, plain-text and HTML templates of the certificate email (Mustache). Variables:
/// `learnerName`, `course`, `score`, `instructor`, `cohort`, `issuer`, `verificationURL`,
/// `linkedInURL`, `passcode`, `issuedOn`, `validUntil`, `hasAttachment`, `isReissue`, `language`,
/// `preferredName` (= `learnerName`), `legalName`, `pdfURL`, `learnerPortalURL`
/// (`IssuerCore.EmailTemplateSyntax.variables`).
/// HTML templates escape values; subject and text templates do not.
public struct EmailTemplates: Sendable, Hashable {
    /// The subject template (plain text).
    public var subject: String
    /// The plain-text body template.
    public var text: String
    /// The HTML body template (values are HTML-escaped).
    public var html: String

    /// Templates from their sources.
    public init(subject: String, text: String, html: String) {
        self.subject = subject
        self.text = text
        self.html = html
    }

    /// Renders all three with `values`.
    /// - Throws: ``DeliveryError`` `invalidTemplate` (permanent) when a template does not parse.
    func render(_ values: [String: Any]) throws -> (subject: String, text: String, html: String) {
        func parse(_ source: String, plain: Bool) throws -> MustacheTemplate {
            do { return try plain ? MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + source) : HTMLEscaping.template(source) } catch {
                throw DeliveryError(.invalidTemplate, "an email template does not parse: \(error)", isTransient: false)
            }
        }
        let subject = try parse(self.subject, plain: true).render(values)
        return (
            subject.trimmingCharacters(in: .whitespacesAndNewlines), try parse(text, plain: true).render(values),
            try parse(html, plain: false).render(values)
        )
    }
}
