internal import CQPDF

/// Creating and changing objects, and writing the document back to memory.
extension QPDFDocument {
    func newDictionary(_ entries: [(String, Handle)]) -> Handle {
        let dictionary = qpdf_oh_new_dictionary(data)
        for (key, value) in entries { qpdf_oh_replace_key(data, dictionary, key, value) }
        return dictionary
    }

    func newArray(_ items: [Handle]) -> Handle {
        let array = qpdf_oh_new_array(data)
        for item in items { qpdf_oh_append_item(data, array, item) }
        return array
    }

    /// A name object from its text without the slash; qpdf writes characters such as "/" as `#2F`.
    func newName(_ text: String) -> Handle { qpdf_oh_new_name(data, "/" + text) }

    /// A text string: PDFDocEncoding when it fits, else UTF-16BE with a byte-order mark.
    func newText(_ text: String) -> Handle {
        let utf8 = Array(text.utf8)
        return utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                qpdf_oh_new_binary_unicode_string(data, $0.baseAddress, $0.count)
            }
        }
    }

    /// A byte string kept as given (for ASCII values such as dates and URLs).
    func newASCIIString(_ text: String) -> Handle { qpdf_oh_new_string(data, text) }

    func newInteger(_ value: Int) -> Handle { qpdf_oh_new_integer(data, Int64(value)) }

    func newReal(_ value: Double) -> Handle { qpdf_oh_new_real_from_double(data, value, 2) }

    /// A new stream holding `bytes` unfiltered; qpdf compresses it with Flate when writing.
    func newStream(_ bytes: [UInt8], dictionary entries: [(String, Handle)]) -> Handle {
        let stream = qpdf_oh_new_stream(data)
        bytes.withUnsafeBufferPointer { buffer in
            qpdf_oh_replace_stream_data(
                data, stream, buffer.baseAddress, buffer.count, qpdf_oh_new_null(data), qpdf_oh_new_null(data))
        }
        let dictionary = qpdf_oh_get_dict(data, stream)
        for (key, value) in entries { qpdf_oh_replace_key(data, dictionary, key, value) }
        return stream
    }

    /// Makes an object indirect (numbered), as file specifications, streams and annotations must be.
    func indirect(_ handle: Handle) -> Handle { qpdf_make_indirect_object(data, handle) }

    func set(_ handle: Handle, _ key: String, _ value: Handle) { qpdf_oh_replace_key(data, handle, key, value) }

    func append(_ array: Handle, _ item: Handle) { qpdf_oh_append_item(data, array, item) }

    func insert(_ array: Handle, at index: Int, _ item: Handle) {
        qpdf_oh_insert_item(data, array, Int32(index), item)
    }

    /// Writes the document to memory: at least PDF 1.7 (for `/AF`), streams compressed, and a file /ID
    /// computed from the content so the same input gives the same bytes.
    func write() throws(PDFEmbeddingError) -> [UInt8] {
        guard qpdf_init_write_memory(data) & QPDF_ERRORS == 0 else {
            try check(.writeFailed, "preparing to write")
            throw PDFEmbeddingError(.writeFailed, "qpdf could not prepare to write")
        }
        qpdf_set_deterministic_ID(data, 1)
        qpdf_set_minimum_pdf_version(data, "1.7")
        qpdf_set_compress_streams(data, 1)
        let status = qpdf_write(data)
        if status & QPDF_ERRORS != 0 {
            try check(.writeFailed, "writing the PDF")
        }
        guard let buffer = qpdf_get_buffer(data) else {
            throw PDFEmbeddingError(.writeFailed, "qpdf wrote no data")
        }
        return Array(UnsafeBufferPointer(start: buffer, count: qpdf_get_buffer_length(data)))
    }
}
