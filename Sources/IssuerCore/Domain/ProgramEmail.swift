import Foundation

/// A program's own certificate email: Mustache templates written inline in the program file
/// (`"email": {"subject": …, "text": …, "html": …}`). Each part is optional; an absent part uses
/// the built-in template. Checked by ``EmailTemplateSyntax`` when the program is saved.
///
/// Variables: see ``EmailTemplateSyntax/variables``. The HTML part is HTML-escaped; the subject and
/// the text part are not.
public struct ProgramEmail: Codable, Sendable, Hashable {
    /// The subject line template.
    public var subject: String?
    /// The plain-text body template.
    public var text: String?
    /// The HTML body template; it must keep the email readable on a phone and by a screen reader
    /// (`<html lang>`, a heading, real link texts, alt text on images).
    public var html: String?

    /// Templates, each optional.
    public init(subject: String? = nil, text: String? = nil, html: String? = nil) {
        self.subject = subject
        self.text = text
        self.html = html
    }
}

/// A strict check of Mustache templates, pure and without the renderer: tags close, sections
/// nest and close in order, and every name is a variable the certificate email provides. Partials,
/// delimiter changes and inheritance are refused, since a program file cannot ship partials (and a
/// delimiter change such as `{{=<% %>=}}` would hide `<%&learnerName%>` from this check). Raw
/// interpolation (`{{{name}}}`, `{{&name}}`) is refused for every variable.
public enum EmailTemplateSyntax {
    /// The variables a certificate email template may use.
    public static let variables: Set<String> = [
        "learnerName", "preferredName", "legalName", "course", "score", "instructor", "cohort", "issuer", "verificationURL",
        "pdfURL", "linkedInURL", "passcode", "issuedOn", "validUntil", "hasAttachment", "isReissue", "language",
        "learnerPortalURL", "walletURL", "walletQRImage",
    ]

    /// Throws `invalidProgram` naming `field` (e.g. `email.html`) and the line of the first problem.
    public static func check(_ template: String, field: String) throws(IssuerError) {
        var sections: [(name: String, line: Int)] = []
        var rest = Substring(template)
        var line = 1
        func fail(_ problem: String) -> IssuerError {
            IssuerError(.invalidProgram, "\(field), line \(line): \(problem)")
        }
        while let open = rest.range(of: "{{") {
            line += rest[..<open.lowerBound].filter { $0 == "\n" }.count
            var tagStart = open.upperBound
            var closing = "}}"
            if rest[tagStart...].hasPrefix("{") {
                tagStart = rest.index(after: tagStart)
                closing = "}}}"
            }
            guard let close = rest[tagStart...].range(of: closing) else { throw fail("a tag opened with {{ is never closed") }
            let content = rest[tagStart..<close.lowerBound]
            line += content.filter { $0 == "\n" }.count
            rest = rest[close.upperBound...]
            let tag = content.trimmingCharacters(in: .whitespaces)
            guard let sigil = tag.first else { throw fail("an empty tag {{}}") }
            if sigil == "!" { continue }
            let isSigil = "#^/&".contains(sigil)
            if closing == "}}" && ">=$<%".contains(sigil) {
                throw fail("{{\(tag)}}: partials, delimiter changes and inheritance are not supported in program emails")
            }
            let name = (isSigil ? String(tag.dropFirst()) : tag).trimmingCharacters(in: .whitespaces)
            guard name == "." || variables.contains(name) else {
                throw fail("{{\(tag)}} names no variable; use one of \(variables.sorted().joined(separator: ", "))")
            }
            if closing == "}}}" || sigil == "&" {
                throw fail(rawInterpolationProblem(tag: closing == "}}}" ? "{{{\(tag)}}}" : "{{\(tag)}}", name: name))
            }
            switch sigil {
            case "#", "^": sections.append((name, line))
            case "/":
                guard let open = sections.popLast() else { throw fail("{{/\(name)}} closes a section that was never opened") }
                guard open.name == name else { throw fail("{{/\(name)}} closes {{#\(open.name)}} opened on line \(open.line)") }
            default: break
            }
        }
        if let open = sections.last {
            throw IssuerError(.invalidProgram, "\(field), line \(open.line): the section {{#\(open.name)}} is never closed")
        }
    }

    /// The variables whose values come from the learner or the reporting system (a name typed at
    /// sign-up, an LMS's cohort or instructor field), not from the issuer.
    public static let learnerSuppliedVariables: Set<String> = [
        "learnerName", "preferredName", "legalName", "cohort", "instructor", "score",
    ]

    /// Why `{{{name}}}` / `{{&name}}` is refused. Every variable is refused raw, not only the
    /// learner-supplied ones: `{{{.}}}` inside `{{#learnerName}}` would print a learner's value
    /// under another name, and no variable needs it (subject and text are never escaped anyway).
    /// - Warning: Raw interpolation in the HTML part lets whoever controls the value write markup
    ///   (links, forms, tracking pixels) into an email the issuer signs off on.
    static func rawInterpolationProblem(tag: String, name: String) -> String {
        let source =
            learnerSuppliedVariables.contains(name)
            ? "\(name) is supplied by the learner or the LMS" : "\(name == "." ? "the current section value" : name) may hold any text"
        return
            "\(tag) inserts \(name) without escaping, and \(source); write {{\(name)}} (raw interpolation with {{{…}}} or {{&…}} is refused)"
    }

    /// Checks every part of a program's email and its supervisor addresses.
    static func validate(_ program: Program) throws(IssuerError) {
        if let email = program.email {
            for (field, template) in [("email.subject", email.subject), ("email.text", email.text), ("email.html", email.html)] {
                if let template { try check(template, field: field) }
            }
            if let html = email.html, !html.contains("lang=") {
                throw IssuerError(.invalidProgram, "email.html needs <html lang=\"{{language}}\"> so screen readers pick the right voice")
            }
        }
        for address in program.supervisorEmails ?? [] where !CompletionValidation.isPlausibleEmail(address) {
            throw IssuerError(.invalidProgram, "supervisorEmails: \"\(address)\" is not a valid email address")
        }
        var seen: Set<String> = []
        for address in program.supervisorEmails ?? [] where !seen.insert(address).inserted {
            throw IssuerError(.invalidProgram, "supervisorEmails: \"\(address)\" is listed twice")
        }
    }
}
