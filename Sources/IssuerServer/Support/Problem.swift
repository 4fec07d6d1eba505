import Foundation
import HTTPTypes
import Hummingbird
import IssuerCore

/// A failure as an RFC 9457 problem: a status, a stable code (the problem `type` ends with it) and
/// a detail a person can act on. The single place where issuer errors become HTTP statuses.
public struct Problem: Error, Sendable, Equatable {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// A stable identifier clients compare, e.g. `notFound`, `invalidEvent`, `signatureExpired`.
    public let code: Code
    /// What happened and what to do, for people.
    public let detail: String
    /// Seconds to wait before trying again (`Retry-After`), for 429 and 503.
    public let retryAfter: Int?

    /// A problem.
    public init(_ status: HTTPResponse.Status, _ code: Code, _ detail: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.detail = detail
        self.retryAfter = retryAfter
    }

    /// The problem for any error; unknown errors become a 500 that says nothing about internals.
    public init(_ error: any Error) {
        switch error {
        case let problem as Problem:
            self = problem
        case let error as IssuerError:
            self.init(Self.status(for: error.code), Code(error.code), Self.detail(for: error))
        case let error as HTTPError:
            self.init(error.status, Code(status: error.status), error.body ?? error.status.reasonPhrase)
        default:
            self.init(.internalServerError, .`internal`, "the server could not complete the request")
        }
    }

    /// The `application/problem+json` body.
    var json: Data {
        let object: [String: Any] = [
            "type": "https://attest.dev/problems/\(code)", "title": status.reasonPhrase, "status": status.code, "detail": detail,
            "code": code.description,
        ]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }
}
