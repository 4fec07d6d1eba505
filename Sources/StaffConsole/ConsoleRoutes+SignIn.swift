import Foundation
import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// What every sign-in request is told, whether the address belongs to staff or not.
    static var linkSentMessage: String {
        "If this address belongs to a member of staff, a sign-in link is on its way. It works once, for 15 minutes."
    }

    /// `/console/login`: the form asking for an address; `POST` sends the link.
    func registerSignIn(on console: RouterGroup<Context>) {
        console.get("login") { request, _ in
            let next = query(request)["next"].flatMap { ConsoleResponse.isConsolePath($0) ? $0 : nil }
            return try await render(signInPage(email: nil, error: nil, next: next), session: nil)
        }
        console.post("login") { request, context in
            try checkOrigin(request)
            let form = try await Self.form(request, limit: 4096)
            let next = form["next"].flatMap { ConsoleResponse.isConsolePath($0) ? $0 : nil }
            guard let email = form.trimmed("email")?.lowercased(), Self.isPlausibleEmail(email) else {
                var page = signInPage(email: form["email"], error: "Enter an email address, like name@example.org", next: next)
                page.status = .badRequest
                return try await render(page, session: nil)
            }
            guard signInLimiter.allow(address: email, client: context.clientAddress, now: environment.now()) else {
                throw ConsoleError(.tooManyRequests, "Too many sign-in links were asked for. Wait 15 minutes and try again.")
            }
            try await signIn.request(email: email)
            var response = try await render(linkSentPage(), session: nil)
            response.headers[values: .setCookie] = [next.map(returnCookie) ?? clearedReturnCookie]
            return response
        }
        // The link opens a page with a button rather than signing in on GET: mail scanners that
        // fetch every link would otherwise use up a single-use link before its owner does.
        console.get("sign-in/:token") { request, context in
            let token = context.parameters.get("token") ?? ""
            return try await render(continuePage(token: StaffSecret.isWellFormed(token) ? token : ""), session: nil)
        }
        console.post("sign-in") { request, context in
            try checkOrigin(request)
            let form = try await Self.form(request, limit: 4096)
            guard signInLimiter.allow(address: nil, client: context.clientAddress, now: environment.now()) else {
                throw ConsoleError(.tooManyRequests, "Too many sign-in attempts. Wait 15 minutes and try again.")
            }
            guard let token = form["token"], let (sessionID, session) = try await signIn.redeem(token: token) else {
                var page = ConsolePage(
                    title: "This sign-in link does not work", section: nil,
                    body: """
                        <h1>This sign-in link does not work</h1>
                        <p>A link works once, for 15 minutes, and only for an active account. It may have been used already or have expired.</p>
                        <p><a href="/console/login">Ask for a new link</a></p>
                        """)
                page.status = .badRequest
                return try await render(page, session: nil)
            }
            let target = session.awaitingSecondFactor ? "/console/two-factor" : returnPath(request)
            var response = ConsoleResponse.redirect(to: target)
            response.headers[values: .setCookie] =
                session.awaitingSecondFactor ? [sessionCookie(sessionID)] : [sessionCookie(sessionID), clearedReturnCookie]
            return response
        }
    }

    func continuePage(token: String) -> ConsolePage {
        ConsolePage(
            title: "Sign in", section: nil,
            body: """
                <h1>Sign in to the staff console</h1>
                <p>Continue to sign in on this device. The link then stops working.</p>
                <form method="post" action="/console/sign-in">
                <input type="hidden" name="token" value="\(token)">
                <button type="submit">Continue</button>
                </form>
                """)
    }

    func signInPage(email: String?, error: String?, next: String?) -> ConsolePage {
        let summary: HTML =
            error.map {
                """
                <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
                <h2 id="error-summary-title">There is a problem</h2>
                <ul><li><a href="#email">\($0)</a></li></ul>
                </div>
                """
            } ?? .empty
        let fieldError: HTML =
            error.map { "<p class=\"field-error\" id=\"email-error\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" } ?? .empty
        let describedBy = error == nil ? "email-hint" : "email-hint email-error"
        let nextField: HTML = next.map { "<input type=\"hidden\" name=\"next\" value=\"\($0)\">" } ?? .empty
        return ConsolePage(
            title: error == nil ? "Sign in" : "Error: Sign in", section: nil,
            body: """
                \(summary)
                <h1>Sign in to the staff console</h1>
                <p>We will email you a link. It works once, for 15 minutes.</p>
                <form method="post" action="/console/login" novalidate>
                \(nextField)
                <div class="field\(error == nil ? "" : " field--error")">
                <label for="email">Email address</label>
                <p class="hint" id="email-hint">The address your administrator added you with.</p>
                \(fieldError)
                <input type="email" id="email" name="email" autocomplete="email" spellcheck="false" aria-describedby="\(describedBy)" value="\(email ?? "")">
                </div>
                <button type="submit">Email me a sign-in link</button>
                </form>
                """)
    }

    func linkSentPage() -> ConsolePage {
        ConsolePage(
            title: "Check your email", section: nil,
            body: """
                <h1>Check your email</h1>
                <p>\(Self.linkSentMessage)</p>
                <p>Open the link on this device. If nothing arrives, check the address and <a href="/console/login">ask for a new link</a>.</p>
                """)
    }

    /// The domain's rule for a plausible address.
    static func isPlausibleEmail(_ email: String) -> Bool {
        StaffMember.isPlausibleEmail(email)
    }
}
