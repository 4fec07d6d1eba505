import HTTPTypes
import IssuerCore

extension Problem {
    /// A stable problem code that clients compare (the problem `type` ends with it): one of the
    /// HTTP edge's own codes below, an issuer error's code, or `httpNNN` for a status Hummingbird
    /// answered itself. The initializer from a string is private, so a code cannot be made up at a
    /// throw site: a new one is added here, beside the others.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The spelling on the wire.
        public let description: String

        private init(_ spelling: String) { description = spelling }

        /// An issuer error's code, spelled as the issuer spells it.
        public init(_ code: IssuerError.Code) { description = code.description }

        /// The code of a bare HTTP status (`notFound`, …, or `httpNNN`).
        init(status: HTTPResponse.Status) {
            switch status.code {
            case 400: self = .badRequest
            case 401: self = .unauthorized
            case 403: self = .forbidden
            case 404: self = .notFound
            case 405: self = .methodNotAllowed
            case 413: self = .contentTooLarge
            case 415: self = .unsupportedMediaType
            case 429: self = .tooManyRequests
            default: self.init("http\(status.code)")
            }
        }

        /// 403: the API key may not be used from this client address (its allow-list).
        public static let addressNotAllowed = Code("addressNotAllowed")
        /// 401: the API key has passed its expiry.
        public static let apiKeyExpired = Code("apiKeyExpired")
        /// 401: the token was replaced by a rotation and its overlap has ended.
        public static let apiKeyRotated = Code("apiKeyRotated")
        public static let badRequest = Code("badRequest")
        public static let contentTooLarge = Code("contentTooLarge")
        public static let forbidden = Code("forbidden")
        public static let `internal` = Code("internal")
        public static let invalidAddress = Code("invalidAddress")
        public static let invalidConfiguration = Code("invalidConfiguration")
        public static let invalidCredential = Code("invalidCredential")
        public static let invalidEvent = Code("invalidEvent")
        public static let invalidForm = Code("invalidForm")
        public static let invalidProgram = Code("invalidProgram")
        public static let invalidState = Code("invalidState")
        public static let keyRotationUnavailable = Code("keyRotationUnavailable")
        public static let linkInvalid = Code("linkInvalid")
        public static let methodNotAllowed = Code("methodNotAllowed")
        public static let notFound = Code("notFound")
        public static let pdfReadTimeout = Code("pdfReadTimeout")
        public static let pdfReaderBusy = Code("pdfReaderBusy")
        public static let signatureExpired = Code("signatureExpired")
        public static let signatureInvalid = Code("signatureInvalid")
        public static let signatureMissing = Code("signatureMissing")
        public static let signatureRequired = Code("signatureRequired")
        public static let tooManyRequests = Code("tooManyRequests")
        public static let tooManyUploads = Code("tooManyUploads")
        public static let unauthorized = Code("unauthorized")
        public static let unsupportedCryptosuite = Code("unsupportedCryptosuite")
        public static let unsupportedEvent = Code("unsupportedEvent")
        public static let unsupportedMediaType = Code("unsupportedMediaType")
        public static let uploadTimeout = Code("uploadTimeout")
    }
}
