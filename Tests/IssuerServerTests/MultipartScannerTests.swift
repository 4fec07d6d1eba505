import Foundation
import Testing

@testable import IssuerServer

@Suite("multipart/form-data in one linear pass")
struct MultipartScannerTests {
    static let browserBoundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"

    /// A form as a browser sends it: the file among other fields.
    static func form(boundary: String, file: [UInt8], fileField: String = "certificate") -> [UInt8] {
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"passcode\"\r\n\r\n\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; filename=\"a \\\"b\\\";c.pdf\"\r\n".utf8)
        body += Array("Content-Type: application/pdf\r\n\r\n".utf8) + file
        body += Array("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"after\"\r\n\r\nx\r\n--\(boundary)--\r\n".utf8)
        return body
    }

    @Test func takesTheFileOutOfABrowserForm() throws {
        // Content that holds the boundary without the line break before it, nearly the delimiter, and CR LF runs.
        let file = Array("%PDF-1.7 --\(Self.browserBoundary)\r\n--\(Self.browserBoundary.dropLast())\r\n\r\n--\r\n".utf8)
        let body = Self.form(boundary: Self.browserBoundary, file: file)
        #expect(try MultipartForm.field(named: "certificate", in: body, boundary: Self.browserBoundary) == file)
        #expect(try MultipartForm.field(named: "after", in: body, boundary: Self.browserBoundary) == Array("x".utf8))
        // Byte by byte gives the same: a delimiter split across reads is still found.
        var scanner = MultipartScanner(boundary: Self.browserBoundary, fieldName: "certificate")
        for byte in body where !scanner.isFinished { _ = try scanner.feed([byte]) }
        #expect(try scanner.finish() == file)
    }

    @Test func onlyTheNameParameterNamesTheField() throws {
        let body = Array(
            "--b\r\nContent-Disposition: form-data; name=\"other\"; filename=\"certificate\"\r\n\r\nno\r\n--b--\r\n".utf8)
        #expect(throws: MultipartScanner.Failure.fieldMissing("certificate")) {
            try MultipartForm.field(named: "certificate", in: body, boundary: "b")
        }
    }

    @Test func stopsReadingOnceTheFieldIsComplete() throws {
        let body = Self.form(boundary: "xyz", file: Array("data".utf8))
        var scanner = MultipartScanner(boundary: "xyz", fieldName: "certificate")
        let end = try #require(body.indices.first { index in (try? scanner.feed([body[index]])) == true })
        #expect(try scanner.finish() == Array("data".utf8))
        // The part called `after` and the closing delimiter were never read.
        #expect(end < body.count - 40)
    }

    @Test func boundaryParameterIsChecked() {
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=\"a b\"") == "a b")
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; charset=x; BOUNDARY=abc") == "abc")
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=" + String(repeating: "a", count: 71)) == nil)
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=a\u{1}b") == nil)
        #expect(MultipartForm.boundary(contentType: "multipart/form-data") == nil)
    }

    @Test func partsAndHeadersAreCapped() throws {
        var many: [UInt8] = []
        for index in 0..<17 { many += Array("--b\r\nContent-Disposition: form-data; name=\"f\(index)\"\r\n\r\nv\r\n".utf8) }
        many += Array("--b--\r\n".utf8)
        #expect(throws: MultipartScanner.Failure.tooManyParts(16)) {
            try MultipartForm.field(named: "certificate", in: many, boundary: "b")
        }

        let longHeader = Array("--b\r\nX-Padding: \(String(repeating: "h", count: 9000))\r\n\r\nv\r\n--b--".utf8)
        #expect(throws: MultipartScanner.Failure.headersTooLarge(8192)) {
            try MultipartForm.field(named: "certificate", in: longHeader, boundary: "b")
        }
        // Endless header bytes are refused at the cap, not read to the end.
        var scanner = MultipartScanner(boundary: "b", fieldName: "certificate")
        let endless = Array("--b\r\n".utf8) + [UInt8](repeating: UInt8(ascii: "h"), count: 1 << 20)
        #expect(throws: MultipartScanner.Failure.headersTooLarge(8192)) { try scanner.feed(endless) }
        #expect(scanner.steps < 8192 + 100)

        let unterminated = Array("--b\r\nContent-Disposition: form-data; name=\"certificate\"\r\n\r\nstill going".utf8)
        #expect(throws: MultipartScanner.Failure.unterminated) {
            try MultipartForm.field(named: "certificate", in: unterminated, boundary: "b")
        }
    }

    /// The attacks of issue 14: MiBs of `-` against a 70-character boundary (and a 2-character
    /// one), and a body of near-delimiters that makes every position a partial match. The work
    /// per byte is bounded by a constant whatever the boundary length (a scan that compares the
    /// boundary at every byte does about 70 per byte), and four times the body is four times the work.
    @Test(arguments: [
        (String(repeating: "-", count: 69) + "x", "dashes"), (String(repeating: "-", count: 70), "dashes"), ("--", "dashes"),
        ("ab", "dashes"), (String(repeating: "-", count: 69) + "x", "near-delimiters"), ("aaaaaaaaaaaaaaaaaaab", "near-delimiters"),
    ])
    func workGrowsLinearly(boundary: String, shape: String) throws {
        func body(mebibytes: Int) -> [UInt8] {
            let size = mebibytes << 20
            switch shape {
            case "dashes":
                return [UInt8](repeating: UInt8(ascii: "-"), count: size)
            default:
                // An opened part whose content is the delimiter minus its last byte, again and again.
                let head = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"certificate\"\r\n\r\n".utf8)
                let almost = Array("\r\n--\(boundary.dropLast())".utf8)
                return head + (0..<(size / almost.count)).flatMap { _ in almost }
            }
        }
        func steps(_ bytes: [UInt8]) -> Int {
            var scanner = MultipartScanner(boundary: boundary, fieldName: "certificate")
            _ = try? scanner.feed(bytes)
            #expect(throws: MultipartScanner.Failure.self) { try scanner.finish() }
            return scanner.steps
        }
        let small = body(mebibytes: 1)
        let large = body(mebibytes: 4)
        let (smallSteps, largeSteps) = (steps(small), steps(large))
        #expect(smallSteps <= 3 * small.count, "\(smallSteps) steps for \(small.count) bytes")
        #expect(largeSteps <= 3 * large.count, "\(largeSteps) steps for \(large.count) bytes")
        #expect(largeSteps <= 5 * smallSteps, "\(smallSteps) → \(largeSteps)")
    }
}
