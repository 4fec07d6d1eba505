/// Why a certificate could not be drawn.
public struct RenderingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable code callers and tests compare.
    public var code: Code
    /// What happened, for a person.
    public var reason: String

    /// The stable error codes.
    public enum Code: String, Sendable {
        /// A text has characters that no installed font can draw; printing it would show empty boxes.
        case unsupportedCharacters = "unsupported_characters"
        /// A text is too long to fit in its place even at the smallest size and wrapped.
        case textTooLong = "text_too_long"
        /// A colour is not `#RRGGBB`.
        case invalidColor = "invalid_color"
        /// The logo or signature image could not be read as PNG.
        case invalidImage = "invalid_image"
        /// The QR code could not be made from the verification URL.
        case qrEncodingFailed = "qr_encoding_failed"
        /// Cairo failed to draw or to write the document.
        case drawingFailed = "drawing_failed"
        /// A request was out of range (e.g. a PNG width of zero).
        case invalidRequest = "invalid_request"
    }

    /// Creates an error.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The code and reason on one line.
    public var description: String { "\(code.rawValue): \(reason)" }
}
