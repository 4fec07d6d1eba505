import Foundation

/// Just enough of `multipart/form-data` (RFC 7578) to take one file field out of a browser's form.
enum MultipartForm {
    /// The boundary parameter of a `multipart/form-data` content type.
    static func boundary(contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return (1...70).contains(value.count) ? value : nil
            }
        }
        return nil
    }

    /// The content of the part whose `Content-Disposition` names `name`.
    static func field(named name: String, in body: [UInt8], boundary: String) -> [UInt8]? {
        let delimiter = Array("--\(boundary)".utf8)
        let headerEnd = Array("\r\n\r\n".utf8)
        var start = find(delimiter, in: body, from: 0)
        while let partStart = start {
            let contentStart = partStart + delimiter.count
            guard let next = find(Array("\r\n".utf8) + delimiter, in: body, from: contentStart) else { return nil }
            let part = Array(body[contentStart..<next])
            if let split = find(headerEnd, in: part, from: 0) {
                let headers = String(decoding: part[..<split], as: UTF8.self).lowercased()
                if headers.contains("name=\"\(name.lowercased())\"") { return Array(part[(split + headerEnd.count)...]) }
            }
            start = next + 2
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from offset: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, offset <= haystack.count - needle.count else { return nil }
        var index = offset
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
