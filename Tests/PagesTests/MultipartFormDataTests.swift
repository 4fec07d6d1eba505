import Testing

@testable import Pages

/// The console's `multipart/form-data` reader: fields and files as a browser sends them, and a
/// refusal (never a guess) for a body that is not a well-formed form within the limits.
@Suite("Multipart form data")
struct MultipartFormDataTests {
    static let boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"

    static func body(_ parts: [String], closed: Bool = true) -> [UInt8] {
        Array((parts.map { "--\(boundary)\r\n\($0)\r\n" }.joined() + (closed ? "--\(boundary)--\r\n" : "")).utf8)
    }

    @Test func readsTextFieldsAndFilesInOrder() throws {
        let form = try MultipartFormData(
            body: Self.body([
                "Content-Disposition: form-data; name=\"csrf\"\r\n\r\ntoken",
                "Content-Disposition: form-data; name=\"achievement.name\"\r\n\r\nFirst Aid \u{2014} Level 2\r\nline two",
                "Content-Disposition: form-data; name=\"branding.logo\"; filename=\"a \\\"b\\\".svg\"\r\nContent-Type: image/svg+xml\r\n\r\n<svg/>",
                "Content-Disposition: form-data; name=\"branding.signatureImage\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n",
            ]), boundary: Self.boundary)
        #expect(form.parts.map(\.name) == ["csrf", "achievement.name", "branding.logo", "branding.signatureImage"])
        #expect(form.textFields["csrf"] == "token")
        #expect(form.textFields["achievement.name"] == "First Aid \u{2014} Level 2\r\nline two")
        #expect(form.textFields["branding.logo"] == nil, "a file is not a text field")
        let logo = try #require(form.file("branding.logo"))
        #expect(logo.fileName == "a \"b\".svg")
        #expect(logo.contentType == "image/svg+xml")
        #expect(logo.bytes == Array("<svg/>".utf8))
        #expect(form.file("branding.signatureImage") == nil, "no file chosen")
    }

    @Test func theBoundaryComesFromTheContentType() {
        #expect(MultipartFormData.boundary(contentType: "multipart/form-data; boundary=\(Self.boundary)") == Self.boundary)
        #expect(MultipartFormData.boundary(contentType: "multipart/form-data; boundary=\"quoted one\"") == "quoted one")
        #expect(MultipartFormData.boundary(contentType: "application/x-www-form-urlencoded") == nil)
        #expect(MultipartFormData.boundary(contentType: "multipart/form-data") == nil)
        #expect(MultipartFormData.boundary(contentType: "multipart/form-data; boundary=\(String(repeating: "a", count: 71))") == nil)
        #expect(MultipartFormData.boundary(contentType: "multipart/form-data; boundary=a\u{7F}b") == nil)
    }

    static let malformed: [(String, [UInt8])] = [
        ("no closing boundary", body(["Content-Disposition: form-data; name=\"a\"\r\n\r\nx"], closed: false)),
        ("no parts", Array("hello".utf8)),
        ("no field name", body(["Content-Disposition: form-data\r\n\r\nx"])),
        ("not form-data", body(["Content-Disposition: attachment; name=\"a\"\r\n\r\nx"])),
        (
            "headers too long",
            body(["Content-Disposition: form-data; name=\"a\"\r\nX-Pad: \(String(repeating: "p", count: 3000))\r\n\r\nx"])
        ),
        ("no blank line after the headers", Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"a\"".utf8)),
        (
            "too many parts",
            body(Array(repeating: "Content-Disposition: form-data; name=\"a\"\r\n\r\nx", count: MultipartFormData.maximumParts + 1))
        ),
    ]

    @Test(arguments: malformed)
    func refusesAMalformedForm(what: String, body: [UInt8]) {
        #expect(throws: MultipartFormData.Malformed.self, "\(what)") { try MultipartFormData(body: body, boundary: Self.boundary) }
    }
}
