import CanonicalJSON
import Ed25519
import Foundation
import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// `/console/account` (who is signed in, sign out everywhere, the second factor),
    /// `/console/two-factor` (the code at sign-in), and `POST /console/sign-out`.
    func registerAccount(on console: RouterGroup<Context>) {
        console.get("account") { request, context in
            try await page(request, context) { session in accountPage(session, notice: query(request)["done"]) }
        }
        console.post("sign-out") { request, context in
            try await action(request, context, may: .view) { session, _ in
                try await signIn.signOut(sessionID: session.sessionID)
                return ConsoleResponse.redirect(to: "/console/login?signed-out=1", headers: [.setCookie: clearedSessionCookie])
            }
        }
        console.post("account/sign-out-everywhere") { request, context in
            try await action(request, context, may: .view) { session, _ in
                try await signIn.signOutEverywhere(session.member)
                return ConsoleResponse.redirect(to: "/console/login?signed-out=everywhere", headers: [.setCookie: clearedSessionCookie])
            }
        }
        console.get("account/two-factor") { request, context in
            let session = try await signedIn(request, context, returnTo: nil, allowingSecondFactorStep: true)
            let awaiting = try await awaitingSecondFactor(session)
            // A member with a factor already, half signed in, gives the code; only then may they change it.
            if session.member.totpSecret != nil && awaiting { return ConsoleResponse.redirect(to: "/console/two-factor") }
            return try await render(enrolmentPage(session, secret: TOTP.makeSecret(), error: nil), session: nil)
        }
        console.post("account/two-factor") { request, context in
            try checkOrigin(request)
            let session = try await signedIn(request, context, returnTo: nil, allowingSecondFactorStep: true)
            let form = try await Self.form(request, limit: 4096)
            try Self.checkCSRF(form, session: session)
            guard let secret = form["secret"].flatMap(Hex.decode), secret.count == 20 else {
                throw ConsoleError(.badRequest, "The form did not carry a key. Start again from your account page.")
            }
            try limitCodeAttempts(session, context)
            guard try await signIn.enrolSecondFactor(sessionID: session.sessionID, secret: secret, code: form["code"] ?? "") else {
                var page = enrolmentPage(
                    session, secret: secret, error: "The code is not right. Enter the 6-digit code your app shows now.")
                page.status = .badRequest
                return try await render(page, session: nil)
            }
            return ConsoleResponse.redirect(to: "/console/account?done=two-factor", headers: [.setCookie: clearedReturnCookie])
        }
        console.get("two-factor") { request, context in
            let session = try await signedIn(request, context, returnTo: nil, allowingSecondFactorStep: true)
            guard try await awaitingSecondFactor(session) else { return ConsoleResponse.redirect(to: returnPath(request)) }
            if session.member.totpSecret == nil { return ConsoleResponse.redirect(to: "/console/account/two-factor") }
            return try await render(codePage(session, error: nil), session: nil)
        }
        console.post("two-factor") { request, context in
            try checkOrigin(request)
            let session = try await signedIn(request, context, returnTo: nil, allowingSecondFactorStep: true)
            let form = try await Self.form(request, limit: 4096)
            try Self.checkCSRF(form, session: session)
            try limitCodeAttempts(session, context)
            guard try await signIn.verifySecondFactor(sessionID: session.sessionID, code: form["code"] ?? "") else {
                var page = codePage(session, error: "The code is not right. Enter the 6-digit code your app shows now.")
                page.status = .badRequest
                return try await render(page, session: nil)
            }
            return ConsoleResponse.redirect(to: returnPath(request), headers: [.setCookie: clearedReturnCookie])
        }
    }

    func awaitingSecondFactor(_ session: StaffSession) async throws -> Bool {
        try await environment.store.read { try $0.staffSession(idHash: session.sessionHash)?.awaitingSecondFactor ?? false }
    }

    /// Five codes per member and twenty per client per 15 minutes: a 6-digit code cannot be guessed at that rate.
    func limitCodeAttempts(_ session: StaffSession, _ context: Context) throws {
        guard signInLimiter.allow(address: "code:" + session.member.id, client: context.clientAddress, now: environment.now()) else {
            throw ConsoleError(.tooManyRequests, "Too many codes were tried. Wait 15 minutes and try again.")
        }
    }

    func accountPage(_ session: StaffSession, notice: String?) -> ConsolePage {
        let banner: HTML =
            switch notice {
            case "two-factor":
                "<div class=\"notice notice--success\" role=\"status\"><p>Two-step sign-in is set up. You will be asked for a code each time you sign in.</p></div>"
            default: .empty
            }
        let factor: HTML =
            session.member.totpSecret == nil
            ? "<p>Two-step sign-in is off.</p><p><a class=\"button button--secondary\" href=\"/console/account/two-factor\">Set up two-step sign-in</a></p>"
            : "<p>Two-step sign-in is on: you enter a code from your authenticator app after opening the emailed link.</p><p><a href=\"/console/account/two-factor\">Use a new authenticator app</a></p>"
        return ConsolePage(
            title: "Your account", section: nil,
            body: """
                \(banner)
                <h1>Your account</h1>
                <dl class="summary">
                <dt>Name</dt><dd>\(session.member.name)</dd>
                <dt>Email address</dt><dd>\(session.member.email)</dd>
                <dt>Role</dt><dd>\(session.member.role.title)</dd>
                </dl>
                <h2>Two-step sign-in</h2>
                \(factor)
                <h2>Sessions</h2>
                <p>Signed in somewhere you no longer use? End every session of yours, on every device, including this one.</p>
                <form method="post" action="/console/account/sign-out-everywhere">
                \(session.csrfField)
                <button type="submit" class="button--secondary">Sign out everywhere</button>
                </form>
                """)
    }

    func codeField(error: String?) -> HTML {
        let message: HTML =
            error.map { "<p class=\"field-error\" id=\"code-error\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" } ?? .empty
        return """
            <div class="field\(error == nil ? "" : " field--error")">
            <label for="code">Code</label>
            <p class="hint" id="code-hint">The 6 digits your authenticator app shows for \(issuer.name).</p>
            \(message)
            <input class="input--code" type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" maxlength="8" aria-describedby="code-hint\(error == nil ? "" : " code-error")">
            </div>
            """
    }

    func errorSummary(_ error: String?, field: String) -> HTML {
        error.map {
            """
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
            <h2 id="error-summary-title">There is a problem</h2>
            <ul><li><a href="#\(field)">\($0)</a></li></ul>
            </div>
            """
        } ?? .empty
    }

    func codePage(_ session: StaffSession, error: String?) -> ConsolePage {
        ConsolePage(
            title: error == nil ? "Enter your code" : "Error: Enter your code", section: nil,
            body: """
                \(errorSummary(error, field: "code"))
                <h1>Enter the code from your authenticator app</h1>
                <form method="post" action="/console/two-factor">
                \(session.csrfField)
                \(codeField(error: error))
                <button type="submit">Sign in</button>
                </form>
                """)
    }

    func enrolmentPage(_ session: StaffSession, secret: [UInt8], error: String?) -> ConsolePage {
        let totp = TOTP(secret: secret)
        let key = Base32.encode(secret)
        let grouped = stride(from: 0, to: key.count, by: 4).map { start -> String in
            let from = key.index(key.startIndex, offsetBy: start)
            return String(key[from..<key.index(from, offsetBy: min(4, key.count - start))])
        }.joined(separator: " ")
        return ConsolePage(
            title: error == nil ? "Set up two-step sign-in" : "Error: Set up two-step sign-in", section: nil,
            body: """
                \(errorSummary(error, field: "code"))
                <h1>Set up two-step sign-in</h1>
                <p>After you open an emailed sign-in link, you will also enter a code from an authenticator app on your phone
                (any app that supports time-based codes).</p>
                <ol>
                <li>In the app, add an account and choose to enter a setup key.</li>
                <li>Enter this key: <strong class="monospace" id="totp-key">\(grouped)</strong> (time-based, 6 digits, every 30 seconds).</li>
                <li>Enter the code the app then shows.</li>
                </ol>
                <p class="hint">Or open this address on the phone: <span class="monospace">\(totp.provisioningURI(account: session.member.email, issuer: issuer.name))</span></p>
                <form method="post" action="/console/account/two-factor">
                \(session.csrfField)
                <input type="hidden" name="secret" value="\(Hex.encode(secret))">
                \(codeField(error: error))
                <button type="submit">Turn on two-step sign-in</button>
                </form>
                """)
    }
}
