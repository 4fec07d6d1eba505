import Foundation

/// A streaming `multipart/form-data` (RFC 7578, RFC 2046 §5.1) reader that takes out one field in
/// a single pass: the delimiter is found with Knuth–Morris–Pratt, so every byte of the body costs
/// a bounded number of comparisons however the body is built (at most two per byte amortised),
/// and the scan stops as soon as the wanted field is complete or the form is closed.
///
/// The number of parts and the size of each part's header block are capped before any of it is
/// kept; the content of parts other than the wanted one is never stored.
struct MultipartScanner {
    /// Caps on the shape of the form.
    struct Limits: Sendable {
        /// Parts read before giving up (the verify form has one).
        var maximumParts = 16
        /// Bytes of one part's header block, blank line included.
        var maximumHeaderBytes = 8 * 1024
    }

    /// Why the form cannot be read.
    enum Failure: Error, Equatable {
        case tooManyParts(Int)
        case headersTooLarge(Int)
        case malformedDelimiter
        case unterminated
        case fieldMissing(String)

        /// What a person can act on.
        var reason: String {
            switch self {
            case .tooManyParts(let limit): "the form has more than \(limit) parts"
            case .headersTooLarge(let limit): "the headers of a form part are longer than \(limit) bytes"
            case .malformedDelimiter: "a form boundary is followed by something other than a line break or --"
            case .unterminated: "the form ends before its closing boundary"
            case .fieldMissing(let name): "the form has no \(name) file"
            }
        }
    }

    private enum State {
        /// Looking for the next delimiter; `keep` when the bytes are the wanted field's content.
        case content(keep: Bool)
        /// Just after a delimiter: `--` closes the form, a line break starts a part.
        case afterDelimiter
        /// After a delimiter's `\r` (or `-`), waiting for `\n` (or the second `-`).
        case expecting(UInt8)
        case headers
        /// The field is complete or the form closed: nothing more is read.
        case finished
    }

    /// Comparisons and byte steps made so far; grows linearly with the bytes fed.
    private(set) var steps = 0
    /// The wanted field's content, once its closing delimiter has been seen.
    private(set) var field: [UInt8]?

    private let fieldName: String
    private let limits: Limits
    /// `CRLF--boundary`: RFC 2046 makes the line break before the dashes part of the delimiter.
    private let delimiter: [UInt8]
    /// The KMP failure function of `delimiter`.
    private let fallback: [Int]
    private var matched = 0
    private var state = State.content(keep: false)
    private var parts = 0
    private var headerBytes: [UInt8] = []
    private var content: [UInt8] = []
    private var closed = false

    /// A scanner for the field called `fieldName` of a form with `boundary` (1–70 characters).
    init(boundary: String, fieldName: String, limits: Limits = Limits()) {
        self.fieldName = fieldName
        self.limits = limits
        delimiter = Array("\r\n--\(boundary)".utf8)
        var fallback = [Int](repeating: 0, count: delimiter.count)
        var length = 0
        for index in delimiter.indices.dropFirst() {
            while length > 0 && delimiter[index] != delimiter[length] { length = fallback[length - 1] }
            if delimiter[index] == delimiter[length] { length += 1 }
            fallback[index] = length
        }
        self.fallback = fallback
        // The first delimiter may open the body with no line break before it: pretend there was one.
        matched = 2
    }

    /// Whether the scan is over (the field was found or the form closed): stop reading the body.
    var isFinished: Bool {
        if case .finished = state { return true }
        return false
    }

    /// Reads the next bytes of the body; returns ``isFinished``.
    mutating func feed(_ bytes: [UInt8]) throws(Failure) -> Bool {
        for byte in bytes {
            steps += 1
            switch state {
            case .finished:
                return true
            case .content(let keep):
                if keep { content.append(byte) }
                while matched > 0 && delimiter[matched] != byte {
                    matched = fallback[matched - 1]
                    steps += 1
                }
                if delimiter[matched] == byte { matched += 1 }
                if matched == delimiter.count {
                    matched = 0
                    if keep {
                        content.removeLast(delimiter.count)
                        field = content
                        state = .finished
                        return true
                    }
                    state = .afterDelimiter
                }
            case .afterDelimiter:
                switch byte {
                case UInt8(ascii: "-"): state = .expecting(UInt8(ascii: "-"))
                case UInt8(ascii: "\r"): state = .expecting(UInt8(ascii: "\n"))
                // Transport padding (RFC 2046 LWSP) counts against the header cap.
                case UInt8(ascii: " "), UInt8(ascii: "\t"):
                    headerBytes.append(byte)
                    if headerBytes.count > limits.maximumHeaderBytes { throw .headersTooLarge(limits.maximumHeaderBytes) }
                default: throw .malformedDelimiter
                }
            case .expecting(let expected):
                guard byte == expected else { throw .malformedDelimiter }
                if expected == UInt8(ascii: "-") {
                    closed = true
                    state = .finished
                    return true
                }
                parts += 1
                guard parts <= limits.maximumParts else { throw .tooManyParts(limits.maximumParts) }
                headerBytes = []
                state = .headers
            case .headers:
                headerBytes.append(byte)
                if headerBytes.count > limits.maximumHeaderBytes { throw .headersTooLarge(limits.maximumHeaderBytes) }
                if byte == UInt8(ascii: "\n"), headerBytes == [13, 10] || headerBytes.suffix(4).elementsEqual("\r\n\r\n".utf8) {
                    let keep = Self.fieldName(inHeaders: headerBytes) == fieldName
                    headerBytes = []
                    content = []
                    state = .content(keep: keep)
                }
            }
        }
        return isFinished
    }

    /// At the end of the body: the field's content, or why there is none.
    func finish() throws(Failure) -> [UInt8] {
        if let field { return field }
        if closed || parts == 0 { throw .fieldMissing(fieldName) }
        throw .unterminated
    }

    /// The `name` parameter of the block's `Content-Disposition: form-data` header.
    static func fieldName(inHeaders block: [UInt8]) -> String? {
        let text = String(decoding: block, as: UTF8.self)
        for line in text.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":"),
                line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition"
            else { continue }
            let parameters = Self.parameters(String(line[line.index(after: colon)...]))
            guard parameters.first?.value == nil, parameters.first?.key.lowercased() == "form-data" else { return nil }
            return parameters.dropFirst().first { $0.key.lowercased() == "name" }?.value
        }
        return nil
    }

    /// `form-data; name="a;b"; filename=x` → [(form-data, nil), (name, a;b), (filename, x)]: split
    /// on `;` outside quotes, with `\"` escapes inside them.
    static func parameters(_ value: String) -> [(key: String, value: String?)] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in value {
            if escaped {
                current.append(character)
                escaped = false
            } else if quoted && character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        return pieces.map { piece in
            guard let equals = piece.firstIndex(of: "=") else { return (piece.trimmingCharacters(in: .whitespaces), nil) }
            return (
                piece[..<equals].trimmingCharacters(in: .whitespaces),
                piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            )
        }
    }
}
