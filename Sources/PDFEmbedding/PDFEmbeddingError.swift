/// Why a credential could not be put into, or taken out of, a PDF.
public struct PDFEmbeddingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code callers and tests compare.
    public var code: Code
    /// What happened, for a person; for damaged files it carries qpdf's own message.
    public var reason: String

    /// The stable error codes: a struct over a private enum, so the set can grow without breaking
    /// callers; `description` is the spelling people and logs see (e.g. `damaged_pdf`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Sendable {
            case damagedPDF = "damaged_pdf"
            case noCredential = "no_credential"
            case severalCredentials = "several_credentials"
            case credentialAlreadyEmbedded = "credential_already_embedded"
            case unsupportedPDF = "unsupported_pdf"
            case invalidInput = "invalid_input"
            case writeFailed = "write_failed"
            case tooLarge = "too_large"
            case tooManyFiles = "too_many_files"
            case unsupportedFilter = "unsupported_filter"
        }

        private let backing: Backing

        private init(_ backing: Backing) { self.backing = backing }

        /// The stable spelling, e.g. `damaged_pdf`.
        public var description: String { backing.rawValue }

        /// The bytes are not a PDF, or the PDF is damaged (truncated, broken cross-reference table, bad stream).
        public static let damagedPDF = Code(.damagedPDF)
        /// The PDF carries no embedded file with MIME type `application/vc`.
        public static let noCredential = Code(.noCredential)
        /// The PDF carries more than one `application/vc` file, so which one the certificate shows is ambiguous.
        public static let severalCredentials = Code(.severalCredentials)
        /// Embedding refused: the PDF already carries a credential.
        public static let credentialAlreadyEmbedded = Code(.credentialAlreadyEmbedded)
        /// The PDF uses a structure this library does not modify (e.g. a name tree split into kids).
        public static let unsupportedPDF = Code(.unsupportedPDF)
        /// An argument is unusable (empty credential, empty file name, empty link URL, a link area of no size).
        public static let invalidInput = Code(.invalidInput)
        /// qpdf failed while building or writing the document.
        public static let writeFailed = Code(.writeFailed)
        /// Reading refused: the PDF, an embedded file decoded, or all of them together are larger than
        /// ``PDFExtractionLimits`` allow (a decompression bomb, or simply not a certificate).
        public static let tooLarge = Code(.tooLarge)
        /// Reading refused: the PDF lists more embedded files, or a larger name tree, than ``PDFExtractionLimits`` allow.
        public static let tooManyFiles = Code(.tooManyFiles)
        /// Reading refused: an embedded file uses a filter other than `FlateDecode` (without predictor), or a
        /// longer filter chain than ``PDFExtractionLimits/maximumFilters``.
        public static let unsupportedFilter = Code(.unsupportedFilter)
    }

    /// Creates an error.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The code and reason on one line.
    public var description: String { "\(code): \(reason)" }
}
