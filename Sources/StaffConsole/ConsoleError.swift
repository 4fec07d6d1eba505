import HTTPTypes
import Hummingbird

/// Why a console request was refused; ``ConsoleErrorMiddleware`` turns it into a page (or, for
/// ``signInRequired``, a redirect to the sign-in page that comes back to `returnTo`).
public struct ConsoleError: Error, Sendable {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// No valid session: go and sign in (303 to `/console/login?next=…`).
        case signInRequired
        /// The session waits for its second factor: 303 to `/console/two-factor`.
        case secondFactorRequired
        /// The CSRF token is missing or wrong (403).
        case csrfMismatch
        /// The person's role does not allow this (403).
        case forbidden
        /// Nothing by that name (404).
        case notFound
        /// The request is malformed (400).
        case badRequest
        /// Too many requests from this client or for this address (429).
        case tooManyRequests
        /// The body is too large (413).
        case contentTooLarge
    }

    /// The stable code.
    public let code: Code
    /// What to tell the person.
    public let message: String
    /// For ``Code/signInRequired``: the console path to come back to after signing in.
    public var returnTo: String?

    /// An error with a message a person can act on.
    public init(_ code: Code, _ message: String, returnTo: String? = nil) {
        self.code = code
        self.message = message
        self.returnTo = returnTo
    }

    /// The HTTP status of the answer.
    public var status: HTTPResponse.Status {
        switch code {
        case .signInRequired, .secondFactorRequired: .seeOther
        case .csrfMismatch, .forbidden: .forbidden
        case .notFound: .notFound
        case .badRequest: .badRequest
        case .tooManyRequests: .tooManyRequests
        case .contentTooLarge: .contentTooLarge
        }
    }

    /// The heading of the error page.
    var heading: String {
        switch code {
        case .signInRequired: "Sign in"
        case .secondFactorRequired: "Enter your code"
        case .csrfMismatch: "This form has expired"
        case .forbidden: "You cannot do this"
        case .notFound: "Page not found"
        case .badRequest: "There is a problem"
        case .tooManyRequests: "Too many attempts"
        case .contentTooLarge: "Too much was sent"
        }
    }
}
