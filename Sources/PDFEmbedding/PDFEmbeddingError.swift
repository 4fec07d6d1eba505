/// Why a credential could not be put into, or taken out of, a PDF.
public struct PDFEmbeddingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable code callers and tests compare.
    public var code: Code
    /// What happened, for a person; for damaged files it carries qpdf's own message.
    public var reason: String

    /// The stable error codes.
    public enum Code: String, Sendable {
        /// The bytes are not a PDF, or the PDF is damaged (truncated, broken cross-reference table, bad stream).
        case damagedPDF = "damaged_pdf"
        /// The PDF carries no embedded file with MIME type `application/vc`.
        case noCredential = "no_credential"
        /// The PDF carries more than one `application/vc` file, so which one the certificate shows is ambiguous.
        case severalCredentials = "several_credentials"
        /// Embedding refused: the PDF already carries a credential.
        case credentialAlreadyEmbedded = "credential_already_embedded"
        /// The PDF uses a structure this library does not modify (e.g. a name tree split into kids).
        case unsupportedPDF = "unsupported_pdf"
        /// An argument is unusable (empty credential, empty file name, empty link URL, a link area of no size).
        case invalidInput = "invalid_input"
        /// qpdf failed while building or writing the document.
        case writeFailed = "write_failed"
        /// Reading refused: the PDF, an embedded file decoded, or all of them together are larger than
        /// ``PDFExtractionLimits`` allow (a decompression bomb, or simply not a certificate).
        case tooLarge = "too_large"
        /// Reading refused: the PDF lists more embedded files, or a larger name tree, than ``PDFExtractionLimits`` allow.
        case tooManyFiles = "too_many_files"
        /// Reading refused: an embedded file uses a filter other than `FlateDecode` (without predictor), or a
        /// longer filter chain than ``PDFExtractionLimits/maximumFilters``.
        case unsupportedFilter = "unsupported_filter"
    }

    /// Creates an error.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The code and reason on one line.
    public var description: String { "\(code.rawValue): \(reason)" }
}
