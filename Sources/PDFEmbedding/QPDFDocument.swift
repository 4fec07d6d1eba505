internal import CQPDF
import Foundation

/// Owns one qpdf object (`qpdf_data`) and the memory it reads from; every C error becomes a Swift error.
///
/// Object handles (`qpdf_oh`) are plain integers that belong to this document and die with it.
final class QPDFDocument {
    typealias Handle = qpdf_oh

    let data: qpdf_data
    /// qpdf reads the input lazily from this memory, so it must outlive `data`.
    private let input: UnsafeMutableBufferPointer<UInt8>

    /// Opens a PDF from memory. Recovery is off: a damaged file is refused, not silently rebuilt.
    ///
    /// - Parameter untrusted: ignore cross-reference streams, so that a PDF that needs them is refused as
    ///   damaged. qpdf inflates cross-reference and object streams itself, with no ceiling on their size
    ///   (a 2 KiB PDF whose object stream inflates to 1 GiB took 2 GiB of memory to open), and only
    ///   cross-reference streams can point into object streams; certificates (Cairo, then qpdf) use neither.
    init(bytes: [UInt8], untrusted: Bool = false) throws(PDFEmbeddingError) {
        data = qpdf_init()
        input = .allocate(capacity: max(1, bytes.count))
        _ = input.initialize(from: bytes)
        qpdf_silence_errors(data)
        qpdf_set_suppress_warnings(data, 1)
        qpdf_set_attempt_recovery(data, 0)
        if untrusted { qpdf_set_ignore_xref_streams(data, 1) }
        // PDF readers accept the header anywhere in the first kilobyte; anything else is not a PDF at all.
        guard Self.hasHeader(bytes) else {
            throw PDFEmbeddingError(.damagedPDF, "the data is not a PDF (no %PDF- header)")
        }
        let status = input.withMemoryRebound(to: CChar.self) { characters in
            qpdf_read_memory(data, "certificate.pdf", characters.baseAddress, UInt64(bytes.count), nil)
        }
        if status & QPDF_ERRORS != 0 || qpdf_has_error(data) != 0 {
            throw PDFEmbeddingError(.damagedPDF, "qpdf cannot read the PDF: \(lastErrorText())")
        }
    }

    private static func hasHeader(_ bytes: [UInt8]) -> Bool {
        let header = Array("%PDF-".utf8)
        let window = bytes.prefix(1024)
        guard window.count >= header.count else { return false }
        return (0...(window.count - header.count)).contains { window[$0..<($0 + header.count)].elementsEqual(header) }
    }

    deinit {
        var pointer: qpdf_data? = data
        qpdf_cleanup(&pointer)
        input.deallocate()
    }

    // MARK: Errors

    func lastErrorText() -> String {
        guard qpdf_has_error(data) != 0, let error = qpdf_get_error(data) else { return "unknown error" }
        return String(cString: qpdf_get_error_full_text(data, error))
    }

    /// Throws if the last qpdf call failed; qpdf's object-handle calls report errors only this way.
    func check(_ code: PDFEmbeddingError.Code, _ doing: String) throws(PDFEmbeddingError) {
        if qpdf_has_error(data) != 0 {
            throw PDFEmbeddingError(code, "qpdf failed \(doing): \(lastErrorText())")
        }
    }

    /// Warnings qpdf collected while reading (bad stream lengths, broken objects): signs of damage.
    func takeWarnings() -> [String] {
        var warnings: [String] = []
        while qpdf_more_warnings(data) != 0 {
            if let warning = qpdf_next_warning(data) {
                warnings.append(String(cString: qpdf_get_error_full_text(data, warning)))
            }
        }
        return warnings
    }

    // MARK: Reading objects

    var root: Handle { qpdf_get_root(data) }
    var trailer: Handle { qpdf_get_trailer(data) }

    func firstPage() throws(PDFEmbeddingError) -> Handle {
        guard qpdf_get_num_pages(data) > 0 else {
            try check(.damagedPDF, "counting pages")
            throw PDFEmbeddingError(.damagedPDF, "the PDF has no pages")
        }
        let page = qpdf_get_page_n(data, 0)
        try check(.damagedPDF, "reading the first page")
        return page
    }

    func isDictionary(_ handle: Handle) -> Bool { qpdf_oh_is_dictionary(data, handle) != 0 }
    func isArray(_ handle: Handle) -> Bool { qpdf_oh_is_array(data, handle) != 0 }
    func isStream(_ handle: Handle) -> Bool { qpdf_oh_is_stream(data, handle) != 0 }

    /// The value of `key` ("/Names") in a dictionary or stream dictionary, or nil when absent or null.
    func value(_ handle: Handle, _ key: String) -> Handle? {
        let dictionary = isStream(handle) ? qpdf_oh_get_dict(data, handle) : handle
        guard isDictionary(dictionary), qpdf_oh_has_key(data, dictionary, key) != 0 else { return nil }
        let value = qpdf_oh_get_key(data, dictionary, key)
        return qpdf_oh_is_null(data, value) != 0 ? nil : value
    }

    /// The number of items of an array (0 for anything else), without reading them.
    func arrayCount(_ handle: Handle) -> Int {
        isArray(handle) ? Int(qpdf_oh_get_array_n_items(data, handle)) : 0
    }

    func arrayItems(_ handle: Handle) -> [Handle] {
        guard isArray(handle) else { return [] }
        return (0..<qpdf_oh_get_array_n_items(data, handle)).map { qpdf_oh_get_array_item(data, handle, $0) }
    }

    /// A name's text without the leading slash, with `#xx` escapes decoded ("application/vc").
    func name(_ handle: Handle) -> String? {
        guard qpdf_oh_is_name(data, handle) != 0 else { return nil }
        return String(String(cString: qpdf_oh_get_name(data, handle)).dropFirst())
    }

    /// A text string decoded to UTF-8 (qpdf handles PDFDocEncoding and UTF-16).
    func text(_ handle: Handle) -> String? {
        guard qpdf_oh_is_string(data, handle) != 0 else { return nil }
        var result: UnsafePointer<CChar>? = nil
        var length = 0
        guard qpdf_oh_get_value_as_utf8(data, handle, &result, &length) != 0, let result else { return nil }
        return result.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    func integer(_ handle: Handle) -> Int? {
        guard qpdf_oh_is_integer(data, handle) != 0 else { return nil }
        return Int(qpdf_oh_get_int_value(data, handle))
    }

    /// The object number of an indirect object, or nil for a direct one.
    func objectID(_ handle: Handle) -> Int? {
        let id = Int(qpdf_oh_get_object_id(data, handle))
        return id > 0 ? id : nil
    }
}
