internal import CQPDF
import Foundation
internal import Zlib

/// Decoding stream data ourselves, within limits: qpdf's own decoding has no ceiling on its output.
extension QPDFDocument {
    /// The stream's bytes exactly as stored in the file (decrypted, not decoded): never larger than the PDF.
    func rawStreamData(_ stream: Handle) throws(PDFEmbeddingError) -> [UInt8] {
        var filtered: QPDF_BOOL = 0
        var buffer: UnsafeMutablePointer<UInt8>? = nil
        var length = 0
        let status = qpdf_oh_get_stream_data(data, stream, qpdf_dl_none, &filtered, &buffer, &length)
        defer { free(buffer) }
        if status & QPDF_ERRORS != 0 {
            throw PDFEmbeddingError(.damagedPDF, "qpdf cannot read the embedded file's data: \(lastErrorText())")
        }
        return Array(UnsafeBufferPointer(start: buffer, count: length))
    }

    /// The stream's data with its `/Filter` chain decoded, refusing the moment any stage's output passes
    /// `limit` bytes (`too_large`), a chain longer than `maximumFilters` and any filter but `FlateDecode`
    /// without a predictor (`unsupported_filter`).
    func boundedStreamData(_ stream: Handle, limit: Int, maximumFilters: Int) throws(PDFEmbeddingError) -> [UInt8] {
        let filters = try filterChain(stream, maximumFilters: maximumFilters)
        var bytes = try rawStreamData(stream)
        guard bytes.count <= limit else { throw Self.overLimit(limit) }
        for filter in filters {
            guard filter.name == "FlateDecode" else {
                throw PDFEmbeddingError(
                    .unsupportedFilter, "an embedded file uses the filter /\(filter.name); only /FlateDecode is decoded")
            }
            guard filter.predictor == nil || filter.predictor == 1 else {
                throw PDFEmbeddingError(
                    .unsupportedFilter,
                    "an embedded file uses /FlateDecode with /Predictor \(filter.predictor!); only no predictor is decoded")
            }
            do {
                bytes = try BoundedInflater.inflate(bytes, format: .zlib, limit: limit)
            } catch {
                switch error.code {
                case .tooLarge:
                    throw Self.overLimit(limit)
                default:  // corrupt or truncated
                    throw PDFEmbeddingError(.damagedPDF, "an embedded file's /FlateDecode data is broken: \(error.reason)")
                }
            }
        }
        return bytes
    }

    private static func overLimit(_ limit: Int) -> PDFEmbeddingError {
        PDFEmbeddingError(
            .tooLarge, "an embedded file decodes to more than \(limit) bytes, the most read from a PDF; it was not decoded further")
    }

    /// One entry of a stream's `/Filter` chain, with the `/Predictor` of its `/DecodeParms` if any.
    struct StreamFilter {
        var name: String
        var predictor: Int?
    }

    /// The `/Filter` (a name or an array of names) paired with `/DecodeParms` (a dictionary, null, or an array of them).
    private func filterChain(_ stream: Handle, maximumFilters: Int) throws(PDFEmbeddingError) -> [StreamFilter] {
        guard let filter = value(stream, "/Filter") else { return [] }
        let count = isArray(filter) ? arrayCount(filter) : 1
        guard count <= maximumFilters else {
            throw PDFEmbeddingError(
                .unsupportedFilter, "an embedded file has a chain of \(count) filters; at most \(maximumFilters) are decoded")
        }
        let filterHandles = isArray(filter) ? arrayItems(filter) : [filter]
        let parameters = value(stream, "/DecodeParms").map { isArray($0) ? arrayItems($0).map(Optional.some) : [$0] } ?? []
        var chain: [StreamFilter] = []
        for (index, handle) in filterHandles.enumerated() {
            guard let name = name(handle) else {
                throw PDFEmbeddingError(.damagedPDF, "an embedded file's /Filter holds something that is not a name")
            }
            var predictor: Int?
            if index < parameters.count, let parameter = parameters[index], isDictionary(parameter),
                let value = value(parameter, "/Predictor")
            {
                predictor = integer(value) ?? -1
            }
            chain.append(StreamFilter(name: name, predictor: predictor))
        }
        return chain
    }
}
