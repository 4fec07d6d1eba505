import Foundation

/// Why a message could not be delivered: a stable `code`, a `reason` to act on, whether trying
/// again later can help, and the server's reply code when there was one.
public struct DeliveryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier, e.g. `connectionFailed`, `timeout`, `smtpRejected`, `httpRejected`, `invalidAddress`.
    public let code: String
    /// What happened (with libcurl's message or the server's reply) and what to do.
    public let reason: String
    /// `true` when a later attempt may succeed (refused connection, timeout, 4xx SMTP, 5xx HTTP).
    public let isTransient: Bool
    /// The SMTP reply code or HTTP status of the last response, if the server answered.
    public let responseCode: Int?

    /// An error.
    public init(_ code: String, _ reason: String, isTransient: Bool, responseCode: Int? = nil) {
        self.code = code
        self.reason = reason
        self.isTransient = isTransient
        self.responseCode = responseCode
    }

    /// The reason, for logs and `lastError`.
    public var description: String { reason }
}
