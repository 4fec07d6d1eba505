import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerServer
import Testing

@Suite("POST /verify against hostile forms")
struct UploadAbuseTests {
    static func problemCode(_ response: TestResponse) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])?["code"] as? String
    }

    /// MiBs of `-` with a 70-character boundary, and with a 2-character one: a precise 400.
    @Test(arguments: [String(repeating: "-", count: 69) + "x", String(repeating: "-", count: 70), "--", "ab"])
    func dashFloodIsABadRequest(boundary: String) async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/verify", method: .post, headers: [.contentType: "multipart/form-data; boundary=\"\(boundary)\""],
                body: ByteBuffer(repeating: UInt8(ascii: "-"), count: 7 << 20))
            #expect(response.status == .badRequest)
            #expect(Self.problemCode(response) == "badRequest")
            #expect(response.text.contains("the form has no certificate file"))
        }
    }

    @Test func tooManyPartsAndLongHeadersAreRefusedByName() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let many = (0..<40).map { "--b\r\nContent-Disposition: form-data; name=\"f\($0)\"\r\n\r\nv\r\n" }.joined()
        let longHeader = "--b\r\nX-Padding: \(String(repeating: "h", count: 9000))\r\n\r\nv\r\n--b--\r\n"
        try await fixture.test { client in
            for (body, reason) in [(many, "more than 16 parts"), (longHeader, "longer than 8192 bytes")] {
                let response = try await client.execute(
                    uri: "/verify", method: .post, headers: [.contentType: "multipart/form-data; boundary=b"],
                    body: ByteBuffer(string: body))
                #expect(response.status == .badRequest)
                #expect(Self.problemCode(response) == "invalidForm")
                #expect(response.text.contains(reason), "\(response.text)")
            }
            let noBoundary = try await client.execute(
                uri: "/verify", method: .post, headers: [.contentType: "multipart/form-data"], body: ByteBuffer(string: "--b--"))
            #expect(noBoundary.status == .badRequest && Self.problemCode(noBoundary) == "invalidForm")
            let tooLarge = try await client.execute(
                uri: "/verify", method: .post, headers: [.contentType: "multipart/form-data; boundary=b"],
                body: ByteBuffer(repeating: UInt8(ascii: "a"), count: 9 << 20))
            #expect(tooLarge.status == .contentTooLarge)
        }
    }
}
