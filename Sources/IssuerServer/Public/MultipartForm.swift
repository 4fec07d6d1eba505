import Foundation
import Hummingbird

/// Just enough of `multipart/form-data` (RFC 7578) to take one file field out of a browser's form,
/// read in one linear pass by ``MultipartScanner``.
enum MultipartForm {
    /// The boundary parameter of a `multipart/form-data` content type: 1–70 characters of RFC 2046's `bchars`.
    static func boundary(contentType: String) -> String? {
        for parameter in MultipartScanner.parameters(contentType).dropFirst() where parameter.key.lowercased() == "boundary" {
            guard let value = parameter.value, (1...70).contains(value.utf8.count), !value.hasSuffix(" "),
                value.utf8.allSatisfy(isBoundaryCharacter)
            else { return nil }
            return value
        }
        return nil
    }

    /// The content of the part whose `Content-Disposition` names `name`, in a whole body.
    static func field(
        named name: String, in body: [UInt8], boundary: String, limits: MultipartScanner.Limits = .init()
    ) throws(MultipartScanner.Failure) -> [UInt8] {
        var scanner = MultipartScanner(boundary: boundary, fieldName: name, limits: limits)
        _ = try scanner.feed(body)
        return try scanner.finish()
    }

    /// RFC 2046 `bchars`: digits, letters, space and `'()+_,-./:=?`.
    private static func isBoundaryCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"): true
        default: Array("'()+_,-./:=? ".utf8).contains(byte)
        }
    }
}

extension Request {
    /// The uploaded file: the `fieldName` part of a `multipart/form-data` body, or the whole body
    /// for any other type. A form is read only up to the end of that part, never more than `limit`
    /// bytes; a malformed form, too many parts or oversized part headers are a 400.
    func uploadedFile(
        mediaType: String, fieldName: String, limit: Int, limits: MultipartScanner.Limits = .init()
    ) async throws -> [UInt8] {
        guard mediaType == "multipart/form-data" else { return try await collectBody(limit: limit) }
        guard let boundary = MultipartForm.boundary(contentType: headers[.contentType] ?? "") else {
            throw Problem(.badRequest, .invalidForm, "the form's content type has no valid boundary")
        }
        if let length = headers[.contentLength].flatMap(Int.init), length > limit {
            throw Problem(.contentTooLarge, .contentTooLarge, "the body is larger than \(limit) bytes")
        }
        var scanner = MultipartScanner(boundary: boundary, fieldName: fieldName, limits: limits)
        var received = 0
        do {
            for try await chunk in body {
                received += chunk.readableBytes
                guard received <= limit else {
                    throw Problem(.contentTooLarge, .contentTooLarge, "the body is larger than \(limit) bytes")
                }
                if try scanner.feed(Array(chunk.readableBytesView)) { break }
                // One chunk at a time, so a long upload shares the worker threads with other requests.
                await Task.yield()
            }
            return try scanner.finish()
        } catch let failure as MultipartScanner.Failure {
            if case .fieldMissing = failure { throw Problem(.badRequest, .badRequest, failure.reason) }
            throw Problem(.badRequest, .invalidForm, failure.reason)
        } catch let problem as Problem {
            throw problem
        } catch {
            // The stream fails only when the client goes away mid-body.
            throw Problem(.badRequest, .invalidForm, "the body ended before the form was complete")
        }
    }
}
