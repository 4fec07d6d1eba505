import Foundation
import Mustache
import Pages

/// Wraps every console page in the same frame: `lang`, a title naming page and issuer, the skip
/// link, the header in the issuer's colours with the issuer's name, the top navigation with the
/// review count, the signed-in person and "Sign out" (a POST with the CSRF token), and the one
/// stylesheet at `/console/assets/console.css`. Rendered by Mustache with `Pages`' escaper.
public struct ConsoleLayout: Sendable {
    let library: MustacheLibrary
    /// The issuer's name in the header and every title.
    public let issuerName: String

    /// A layout for `issuerName`; throws only if the built-in template does not parse.
    public init(issuerName: String) throws {
        var library = MustacheLibrary()
        library.register(try HTMLEscaping.template(Self.template), named: "console")
        self.library = library
        self.issuerName = issuerName
    }

    /// The whole document for `page`; `session` is `nil` on the sign-in pages (no navigation).
    public func render(_ page: ConsolePage, session: StaffSession?, reviewCount: Int? = nil) -> String {
        var values: [String: Any] = [
            "title": "\(page.title) — Staff console — \(issuerName)", "issuerName": issuerName, "body": page.body.rendered,
        ]
        if let session {
            values["signedIn"] = [
                "name": session.member.name, "email": session.member.email, "role": session.member.role.title,
                "csrf": session.csrfToken, "csrfName": ConsoleForm.csrfFieldName,
            ]
            values["navigation"] = ConsoleSection.allCases.map { section -> [String: Any] in
                var entry: [String: Any] = ["title": section.title, "path": section.path, "current": section == page.section]
                if section == .review, let reviewCount { entry["count"] = String(reviewCount) }
                return entry
            }
        }
        return library.render(values, withTemplate: "console") ?? ""
    }

    static let template = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{{title}}</title>
        <link rel="stylesheet" href="/console/assets/console.css">
        </head>
        <body>
        <a class="skip-link" href="#main">Skip to main content</a>
        <header class="console-header">
        <div class="console-header__inner">
        <a class="console-header__issuer" href="/console/dashboard">{{issuerName}} <span class="console-header__product">Staff console</span></a>
        {{#signedIn}}
        <div class="console-header__person">
        <span><span class="visually-hidden">Signed in as </span>{{name}} <span class="console-header__role">({{role}})</span></span>
        <a href="/console/account">Your account</a>
        <form method="post" action="/console/sign-out" class="inline-form">
        <input type="hidden" name="{{csrfName}}" value="{{csrf}}">
        <button type="submit" class="link-button">Sign out</button>
        </form>
        </div>
        {{/signedIn}}
        </div>
        {{#signedIn}}
        <nav class="console-nav" aria-label="Console">
        <ul>
        {{#navigation}}
        <li><a href="{{path}}"{{#current}} aria-current="page"{{/current}}>{{title}}{{#count}} <span class="count">{{count}}<span class="visually-hidden"> waiting</span></span>{{/count}}</a></li>
        {{/navigation}}
        </ul>
        </nav>
        {{/signedIn}}
        </header>
        <main id="main" class="console-main" tabindex="-1">
        {{{body}}}
        </main>
        <footer class="console-footer"><p>Attest staff console for {{issuerName}}</p></footer>
        </body>
        </html>

        """
}
