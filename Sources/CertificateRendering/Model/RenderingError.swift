/// Why a certificate could not be drawn.
public struct RenderingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code callers and tests compare.
    public var code: Code
    /// What happened, for a person.
    public var reason: String

    /// The stable error codes: a struct over a private enum, so the set can grow without breaking
    /// callers; `description` is the spelling people and logs see (e.g. `unsupported_characters`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Sendable {
            case unsupportedCharacters = "unsupported_characters"
            case textTooLong = "text_too_long"
            case invalidColor = "invalid_color"
            case invalidImage = "invalid_image"
            case qrEncodingFailed = "qr_encoding_failed"
            case drawingFailed = "drawing_failed"
            case invalidRequest = "invalid_request"
        }

        private let backing: Backing

        private init(_ backing: Backing) { self.backing = backing }

        /// The stable spelling, e.g. `unsupported_characters`.
        public var description: String { backing.rawValue }

        /// A text has characters that no installed font can draw; printing it would show empty boxes.
        public static let unsupportedCharacters = Code(.unsupportedCharacters)
        /// A text is too long to fit in its place even at the smallest size and wrapped.
        public static let textTooLong = Code(.textTooLong)
        /// A colour is not `#RRGGBB`.
        public static let invalidColor = Code(.invalidColor)
        /// The logo or signature image could not be read as PNG.
        public static let invalidImage = Code(.invalidImage)
        /// The QR code could not be made from the verification URL.
        public static let qrEncodingFailed = Code(.qrEncodingFailed)
        /// Cairo failed to draw or to write the document.
        public static let drawingFailed = Code(.drawingFailed)
        /// A request was out of range (e.g. a PNG width of zero).
        public static let invalidRequest = Code(.invalidRequest)
    }

    /// Creates an error.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The code and reason on one line.
    public var description: String { "\(code): \(reason)" }
}
