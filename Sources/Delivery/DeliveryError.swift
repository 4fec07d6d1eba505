import Foundation

/// Why a message could not be delivered: a stable `code`, a `reason` to act on, whether trying
/// again later can help, and the server's reply code when there was one.
public struct DeliveryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; compare it (`error.code == .smtpRejected`), never `reason`.
    public let code: Code
    /// What happened (with libcurl's message or the server's reply) and what to do.
    public let reason: String
    /// `true` when a later attempt may succeed (refused connection, timeout, 4xx SMTP, 5xx HTTP).
    public let isTransient: Bool
    /// The SMTP reply code or HTTP status of the last response, if the server answered.
    public let responseCode: Int?

    /// An error.
    public init(_ code: Code, _ reason: String, isTransient: Bool, responseCode: Int? = nil) {
        self.code = code
        self.reason = reason
        self.isTransient = isTransient
        self.responseCode = responseCode
    }

    /// The reason, for logs and `lastError`.
    public var description: String { reason }

    /// The codes: a struct over a private enum, so the set can grow without breaking callers;
    /// `description` is the stable spelling (e.g. `smtpRejected`) that `lastError` records.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Sendable {
            case connectionFailed, timeout, authenticationFailed, tlsFailed, transferFailed
            case curlUnavailable, curlOption, curlBusy, smtpRejected, smtpDeferred
            case httpRejected, httpDeferred, invalidAddress, invalidEndpoint, unknownEndpoint
            case invalidConfiguration, invalidTemplate, composeFailed, noEmailForEvent, subjectMissing
            case linkExpired, outboxFolderUnwritable, privateFileFailed
        }

        private let backing: Backing

        private init(_ backing: Backing) { self.backing = backing }

        /// The stable spelling, e.g. `smtpRejected`.
        public var description: String { backing.rawValue }

        /// The server could not be reached (refused connection, unknown host).
        public static let connectionFailed = Code(.connectionFailed)
        /// The transfer took longer than its timeout.
        public static let timeout = Code(.timeout)
        /// The SMTP server refused the login.
        public static let authenticationFailed = Code(.authenticationFailed)
        /// TLS could not be set up or the server's certificate did not verify.
        public static let tlsFailed = Code(.tlsFailed)
        /// libcurl failed in another way; the reason carries its message.
        public static let transferFailed = Code(.transferFailed)
        /// libcurl could not be initialised or could not allocate.
        public static let curlUnavailable = Code(.curlUnavailable)
        /// libcurl refused an option (a build without a protocol or feature).
        public static let curlOption = Code(.curlOption)
        /// Too many transfers are waiting for a connection thread.
        public static let curlBusy = Code(.curlBusy)
        /// The SMTP server refused the message for good (a 5xx reply).
        public static let smtpRejected = Code(.smtpRejected)
        /// The SMTP server deferred the message (a 4xx reply); try again later.
        public static let smtpDeferred = Code(.smtpDeferred)
        /// The webhook endpoint refused the event for good (a 4xx status other than 408 and 429).
        public static let httpRejected = Code(.httpRejected)
        /// The webhook endpoint answered 408, 429 or 5xx; try again later.
        public static let httpDeferred = Code(.httpDeferred)
        /// An address a server must refuse, or no recipient at all.
        public static let invalidAddress = Code(.invalidAddress)
        /// A webhook URL is not http(s).
        public static let invalidEndpoint = Code(.invalidEndpoint)
        /// The webhook endpoint of an outbox row is no longer configured.
        public static let unknownEndpoint = Code(.unknownEndpoint)
        /// The SMTP settings are not usable; the reason names the part.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// An email template does not parse or is refused.
        public static let invalidTemplate = Code(.invalidTemplate)
        /// The message could not be prepared.
        public static let composeFailed = Code(.composeFailed)
        /// There is no email for the row's event.
        public static let noEmailForEvent = Code(.noEmailForEvent)
        /// What the row is about (credential, completion, worker, issuer) does not exist.
        public static let subjectMissing = Code(.subjectMissing)
        /// A learner link request expired before it could be sent.
        public static let linkExpired = Code(.linkExpired)
        /// Without an SMTP server, the message could not be written to the outbox folder.
        public static let outboxFolderUnwritable = Code(.outboxFolderUnwritable)
        /// A private file or folder (0600/0700) could not be created, written, flushed, narrowed or
        /// renamed; the reason names the operation, the path and the system's error.
        public static let privateFileFailed = Code(.privateFileFailed)
    }
}
