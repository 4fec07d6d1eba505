import Ed25519
import Foundation
import HTTPTypes
import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// A page for signed-in staff whose role allows `permission` (`.view`: everyone).
    ///
    /// Without a valid session the person is sent to sign in and brought back here afterwards;
    /// with a role that does not allow `permission` the answer is 403.
    public func page(
        _ request: Request, _ context: Context, may permission: StaffPermission = .view,
        _ make: (StaffSession) async throws -> ConsolePage
    ) async throws -> Response {
        let session = try await signedIn(request, context)
        guard session.may(permission) else { throw Self.forbidden(permission) }
        return try await render(try await make(session), session: session)
    }

    /// A state-changing form post: signed in, the CSRF token checked (403 when missing or wrong,
    /// before anything else happens), then the role (403). `handle` does the work and answers
    /// (usually ``ConsoleResponse/redirect(to:headers:)`` or a result page).
    public func action(
        _ request: Request, _ context: Context, may permission: StaffPermission,
        _ handle: (StaffSession, ConsoleForm) async throws -> Response
    ) async throws -> Response {
        try checkOrigin(request)
        let session = try await signedIn(request, context, returnTo: request.headers[.referer].flatMap(Self.consolePath))
        let form = try await Self.form(request, limit: configuration.formBodyLimit)
        try Self.checkCSRF(form, session: session)
        guard session.may(permission) else { throw Self.forbidden(permission) }
        return try await handle(session, form)
    }

    /// `page` in the layout, with the navigation for `session` and the review count.
    public func render(_ page: ConsolePage, session: StaffSession?) async throws -> Response {
        var reviewCount: Int?
        if session != nil {
            reviewCount = try await environment.store.read { try $0.heldCompletionCount(ReviewQueueFilter()) }
        }
        return ConsoleResponse.page(layout.render(page, session: session, reviewCount: reviewCount), status: page.status)
    }

    /// The query string of `request` as fields (filters of a list page).
    public func query(_ request: Request) -> ConsoleForm {
        ConsoleForm(urlencoded: Array((request.uri.query ?? "").utf8))
    }

    /// Refuses a form whose CSRF token is not the session's (compared in constant time).
    static func checkCSRF(_ form: ConsoleForm, session: StaffSession) throws {
        guard let sent = form[ConsoleForm.csrfFieldName], constantTimeEquals(Array(sent.utf8), Array(session.csrfToken.utf8)) else {
            throw ConsoleError(
                .csrfMismatch, "The form was missing its security token, so nothing was changed. Go back, reload the page and try again.")
        }
    }

    /// The urlencoded body of a form post, at most `limit` bytes.
    static func form(_ request: Request, limit: Int) async throws -> ConsoleForm {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw ConsoleError(.contentTooLarge, "The form sent more than \(limit) bytes.")
        }
        do {
            return ConsoleForm(urlencoded: Array(try await request.body.collect(upTo: limit).readableBytesView))
        } catch {
            throw ConsoleError(.contentTooLarge, "The form sent more than \(limit) bytes.")
        }
    }

    static func forbidden(_ permission: StaffPermission) -> ConsoleError {
        ConsoleError(.forbidden, "Your role does not allow this, so nothing was changed. An administrator can change your role.")
    }

    /// The console path (with query) of a full URL or path, if it is one.
    static func consolePath(_ url: String) -> String? {
        guard let components = URLComponents(string: url) else { return nil }
        let path = components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        return ConsoleResponse.isConsolePath(path) ? path : nil
    }
}
