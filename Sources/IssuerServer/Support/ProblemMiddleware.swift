import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Turns every error a route throws into a 4xx/5xx answer: a problem document for API clients, an
/// HTML page for people with browsers. Server faults are logged with the request id; callers never
/// see internals.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = IssuerRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Problem(error)
            if problem.status.code >= 500 {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            }
            return Self.response(for: problem, request: request, pages: pages)
        }
    }

    static func response(for problem: Problem, request: Request, pages: PageRenderer) -> Response {
        var headers = HTTPFields()
        if problem.status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"attest\"" }
        if let wait = problem.retryAfter { headers[.retryAfter] = String(wait) }
        if !request.uri.path.hasPrefix("/api/"), request.prefersHTML {
            headers[.contentType] = "text/html; charset=utf-8"
            let html = pages.errorPage(status: problem.status, detail: problem.detail)
            return Response(status: problem.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        headers[.contentType] = "application/problem+json"
        return Response(status: problem.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: problem.json)))
    }
}

/// Headers every answer carries: no sniffing, no framing, and pages that load nothing from elsewhere.
/// The one place they are set: it runs outside ``ProblemMiddleware``, so error pages (404, 429,
/// 500, and routes nobody registered) carry them too.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = IssuerRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        // The staff console keeps `same-origin`: with `no-referrer` browsers send `Origin: null` on
        // its form posts, and the console refuses posts whose Origin is not its own.
        if response.headers[HTTPField.Name("Referrer-Policy")!] == nil {
            response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        }
        // A page that set its own policy (the staff console's, which loads its stylesheet) keeps it.
        if response.headers[.contentType]?.hasPrefix("text/html") == true, response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] =
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
            // For browsers that predate CSP frame-ancestors.
            response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        }
        return response
    }
}

extension Request {
    /// Whether the client asked for HTML (a browser) rather than a machine format.
    var prefersHTML: Bool {
        let accept = headers[.accept] ?? ""
        return accept.contains("text/html")
    }

    /// The media type of the body, lower-cased and without parameters.
    var mediaType: String? {
        headers[.contentType].map { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased() }
    }
}

extension Request {
    /// The whole body, refused with 413 when it is longer than `limit` bytes.
    func collectBody(limit: Int) async throws -> [UInt8] {
        if let length = headers[.contentLength].flatMap(Int.init), length > limit {
            throw Problem(.contentTooLarge, .contentTooLarge, "the body is larger than \(limit) bytes")
        }
        do {
            return Array(try await body.collect(upTo: limit).readableBytesView)
        } catch {
            // Collecting fails only when the body runs past the limit or the client goes away.
            throw Problem(.contentTooLarge, .contentTooLarge, "the body is larger than \(limit) bytes")
        }
    }
}
