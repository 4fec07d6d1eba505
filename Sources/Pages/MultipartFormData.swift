import Foundation

/// A `multipart/form-data` body (RFC 7578) read whole: the form of a page that uploads files
/// beside its other fields. The body is already bounded by the caller; the parts, their header
/// blocks and the names are bounded here, and anything malformed is refused, never guessed at.
public struct MultipartFormData: Sendable {
    /// One field of the form.
    public struct Part: Sendable {
        /// The field's name.
        public var name: String
        /// The file name the browser sent, for a file field (`""` when no file was chosen).
        public var fileName: String?
        /// The part's declared media type (what the browser claims; never trusted for a file's kind).
        public var contentType: String?
        /// The content.
        public var bytes: [UInt8]
    }

    /// Why a body is not a form.
    public struct Malformed: Error, Sendable, CustomStringConvertible {
        /// What is wrong, for a person.
        public var description: String
    }

    /// The parts in the order sent.
    public var parts: [Part]

    /// The most parts a form may have.
    public static let maximumParts = 300
    /// The longest header block of one part.
    public static let maximumHeaderBytes = 2048

    /// Reads `body` with `boundary` (see ``boundary(contentType:)``).
    public init(body: [UInt8], boundary: String) throws(Malformed) {
        let dashBoundary = Array("--\(boundary)".utf8)
        let delimiter = Array("\r\n--\(boundary)".utf8)
        guard let first = Self.find(dashBoundary, in: body, from: 0) else { throw Malformed(description: "the form has no parts") }
        var position = first + dashBoundary.count
        var parts: [Part] = []
        while true {
            if body.count >= position + 2, body[position] == UInt8(ascii: "-"), body[position + 1] == UInt8(ascii: "-") { break }
            guard body.count >= position + 2, body[position] == 13, body[position + 1] == 10 else {
                throw Malformed(description: "a part boundary is not followed by a line break")
            }
            position += 2
            guard let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: body, from: position),
                headerEnd - position <= Self.maximumHeaderBytes
            else { throw Malformed(description: "a part's headers are missing or too long") }
            let headers = String(decoding: body[position..<headerEnd], as: UTF8.self)
            guard let contentEnd = Self.find(delimiter, in: body, from: headerEnd + 4) else {
                throw Malformed(description: "the form ends before its closing boundary")
            }
            guard parts.count < Self.maximumParts else {
                throw Malformed(description: "the form has more than \(Self.maximumParts) fields")
            }
            parts.append(try Self.part(headers: headers, bytes: Array(body[(headerEnd + 4)..<contentEnd])))
            position = contentEnd + delimiter.count
        }
        self.parts = parts
    }

    /// The boundary of a `multipart/form-data` content type: 1–70 characters of RFC 2046's `bchars`.
    public static func boundary(contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            let allowed = Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'()+_,-./:=? ".utf8)
            guard (1...70).contains(value.utf8.count), !value.hasSuffix(" "), value.utf8.allSatisfy(allowed.contains) else { return nil }
            return value
        }
        return nil
    }

    /// The text fields (not the files) as ``FormFields``; a field that is not UTF-8 is dropped.
    public var textFields: FormFields {
        FormFields(
            fields: parts.filter { $0.fileName == nil }.compactMap { part in
                String(validating: part.bytes, as: UTF8.self).map { (part.name, $0) }
            })
    }

    /// The first file field named `name` with a file chosen, if any.
    public func file(_ name: String) -> Part? {
        parts.first { $0.name == name && $0.fileName != nil && !($0.fileName ?? "").isEmpty }
    }

    static func part(headers: String, bytes: [UInt8]) throws(Malformed) -> Part {
        var name: String?
        var fileName: String?
        var contentType: String?
        for line in headers.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { throw Malformed(description: "a part has a malformed header") }
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            switch pair[0].lowercased() {
            case "content-disposition":
                let parameters = parameters(value)
                guard parameters.first?.key.lowercased() == "form-data" else {
                    throw Malformed(description: "a part is not form-data")
                }
                name = parameters.first { $0.key.lowercased() == "name" }?.value
                fileName = parameters.first { $0.key.lowercased() == "filename" }?.value
            case "content-type": contentType = value
            default: continue
            }
        }
        guard let name, !name.isEmpty, name.utf8.count <= 200 else { throw Malformed(description: "a part has no field name") }
        return Part(name: name, fileName: fileName, contentType: contentType, bytes: bytes)
    }

    /// `form-data; name="a"; filename="b"` as ordered pairs (quotes removed, `\"` kept as `"`).
    static func parameters(_ value: String) -> [(key: String, value: String)] {
        var result: [(key: String, value: String)] = []
        var rest = Substring(value)
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == ";" }
            let key = rest.prefix { $0 != "=" && $0 != ";" }
            rest = rest.dropFirst(key.count)
            var parameterValue = ""
            if rest.first == "=" {
                rest = rest.dropFirst()
                if rest.first == "\"" {
                    rest = rest.dropFirst()
                    var escaped = false
                    while let character = rest.first {
                        rest = rest.dropFirst()
                        if escaped {
                            parameterValue.append(character)
                            escaped = false
                        } else if character == "\\" {
                            escaped = true
                        } else if character == "\"" {
                            break
                        } else {
                            parameterValue.append(character)
                        }
                    }
                } else {
                    parameterValue = String(rest.prefix { $0 != ";" })
                    rest = rest.dropFirst(parameterValue.count)
                }
            }
            if !key.isEmpty { result.append((key.trimmingCharacters(in: .whitespaces), parameterValue)) }
        }
        return result
    }

    /// The first index of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let firstByte = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == firstByte {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}

extension FormFields {
    /// Fields given as they are (a multipart form's text fields).
    public init(fields: [(name: String, value: String)]) {
        self.fields = fields
    }
}
