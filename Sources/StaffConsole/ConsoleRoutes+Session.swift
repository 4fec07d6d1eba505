import Foundation
import HTTPTypes
import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// Sign-in and sessions with this console's lifetimes.
    var signIn: StaffSignIn { StaffSignIn(environment: environment, policy: configuration.sessions) }

    /// The signed-in person of `request`, or ``ConsoleError/Code/signInRequired`` (a redirect to
    /// sign-in that comes back to `returnTo`, by default the page asked for). A session still
    /// waiting for its second factor is sent to the code page instead, unless `allowingSecondFactorStep`.
    public func signedIn(_ request: Request, _ context: Context, returnTo: String? = nil) async throws -> StaffSession {
        try await signedIn(request, context, returnTo: returnTo, allowingSecondFactorStep: false)
    }

    func signedIn(_ request: Request, _ context: Context, returnTo: String?, allowingSecondFactorStep: Bool) async throws -> StaffSession {
        let back = returnTo ?? (request.method == .get ? Self.consolePath(request.uri.description) : nil)
        guard let cookie = request.cookies[configuration.cookieName]?.value, let found = try await signIn.session(id: cookie) else {
            throw ConsoleError(.signInRequired, "Sign in to continue.", returnTo: back)
        }
        if found.awaitingSecondFactor && !allowingSecondFactorStep {
            throw ConsoleError(.secondFactorRequired, "Enter the code from your authenticator app.")
        }
        return StaffSession(
            member: found.member, csrfToken: found.record.csrfToken, sessionHash: found.record.idHash, createdAt: found.record.createdAt,
            sessionID: cookie)
    }

    /// The `Set-Cookie` value that gives the browser `sessionID`: `HttpOnly`, `SameSite=Strict`,
    /// `Path=/`, and `Secure` (with the `__Host-` name) when the public base URL is https. No
    /// `Max-Age`: the cookie ends with the browser, the session on the server at its timeouts.
    func sessionCookie(_ sessionID: String) -> String {
        "\(configuration.cookieName)=\(sessionID); Path=/; HttpOnly; SameSite=Strict" + (configuration.secureCookies ? "; Secure" : "")
    }

    /// The `Set-Cookie` value that removes the session cookie.
    var clearedSessionCookie: String {
        "\(configuration.cookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (configuration.secureCookies ? "; Secure" : "")
    }

    /// Remembers `path` to return to after sign-in (for as long as a link works).
    func returnCookie(_ path: String) -> String {
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return
            "\(configuration.returnCookieName)=\(encoded); Path=/; Max-Age=\(Int(configuration.sessions.linkLifetime)); HttpOnly; SameSite=Lax"
            + (configuration.secureCookies ? "; Secure" : "")
    }

    /// The `Set-Cookie` value that removes the return cookie.
    var clearedReturnCookie: String {
        "\(configuration.returnCookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (configuration.secureCookies ? "; Secure" : "")
    }

    /// The page to go to after signing in: the remembered one, or the dashboard.
    func returnPath(_ request: Request) -> String {
        guard let value = request.cookies[configuration.returnCookieName]?.value, let path = value.removingPercentEncoding,
            ConsoleResponse.isConsolePath(path)
        else { return ConsoleSection.dashboard.path }
        return path
    }

    /// Refuses a form posted from another origin (login CSRF, and defence in depth behind the
    /// token): a browser names the page's origin in `Origin` on every POST.
    func checkOrigin(_ request: Request) throws {
        guard let origin = request.headers[.origin] else { return }
        let host = request.head.authority ?? ""
        let originHost = URLComponents(string: origin).map { ($0.host ?? "") + ($0.port.map { ":\($0)" } ?? "") } ?? ""
        let publicHost = URLComponents(string: issuer.baseURL).map { ($0.host ?? "") + ($0.port.map { ":\($0)" } ?? "") } ?? ""
        guard originHost == host || originHost == publicHost else {
            throw ConsoleError(.csrfMismatch, "The form came from another site, so nothing was changed.")
        }
    }
}
