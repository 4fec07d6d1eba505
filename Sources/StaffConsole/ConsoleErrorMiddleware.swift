import Foundation
import HTTPTypes
import Hummingbird

/// Turns ``ConsoleError``s into console pages (and a missing session into a redirect to sign-in);
/// anything else is logged and shown as a plain 500 page that says nothing about internals.
struct ConsoleErrorMiddleware<Context: ConsoleRequestContext>: RouterMiddleware {
    let layout: ConsoleLayout

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as ConsoleError {
            response = answer(error)
        } catch let error as HTTPError where error.status == .notFound {
            response = answer(ConsoleError(.notFound, "There is no console page at this address."))
        } catch {
            context.logger.error(
                "console request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            let page = ConsolePage(
                title: "Sorry, there is a problem", section: nil,
                body:
                    "<h1>Sorry, there is a problem</h1><p>Nothing was changed. Try again later; if it happens again, tell whoever runs Attest.</p>",
                status: .internalServerError)
            response = ConsoleResponse.page(layout.render(page, session: nil), status: page.status)
        }
        response.headers[.cacheControl] = "no-store"
        // Not `no-referrer`: with it browsers send `Origin: null` on form posts, which ``ConsoleRoutes/checkOrigin(_:)`` refuses.
        response.headers[ConsoleResponse.referrerPolicy] = "same-origin"
        // A page that needs more (the import progress script) sets its own policy; every other page gets the console's.
        if response.headers[.contentType]?.hasPrefix("text/html") == true, response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = ConsoleResponse.contentSecurityPolicy
        }
        return response
    }

    func answer(_ error: ConsoleError) -> Response {
        if error.code == .signInRequired {
            var target = "/console/login"
            if let returnTo = error.returnTo, ConsoleResponse.isConsolePath(returnTo) {
                target += "?next=" + (returnTo.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            }
            return ConsoleResponse.redirect(to: target)
        }
        if error.code == .secondFactorRequired { return ConsoleResponse.redirect(to: "/console/two-factor") }
        let page = ConsolePage(
            title: error.heading, section: nil,
            body: "<h1>\(error.heading)</h1><p>\(error.message)</p><p><a href=\"/console/dashboard\">Go to the dashboard</a></p>",
            status: error.status)
        return ConsoleResponse.page(layout.render(page, session: nil), status: error.status)
    }
}

/// Building console answers.
public enum ConsoleResponse {
    /// The policy of every console page: its own stylesheet, no script, forms only to itself.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    /// An HTML document.
    public static func page(_ html: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A 303 to `path` (after a POST, so a reload does not post again).
    public static func redirect(to path: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.location] = path
        return Response(status: .seeOther, headers: fields)
    }

    /// A download (CSV, JSON, ZIP, PDF) named `fileName`.
    public static func download(_ bytes: [UInt8], contentType: String, fileName: String) -> Response {
        let safeName = String(
            fileName.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || "0123456789.-_".unicodeScalars.contains($0)) })
        return Response(
            status: .ok,
            headers: [.contentType: contentType, .contentDisposition: "attachment; filename=\"\(safeName)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Whether `path` is a console path to return to after sign-in (never another site: `//evil`).
    static func isConsolePath(_ path: String) -> Bool {
        path.hasPrefix("/console/") && !path.hasPrefix("//") && !path.contains("\\") && !path.hasPrefix("/console/login")
            && path.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
    }
}
