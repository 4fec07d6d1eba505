import Foundation
import TestSupport
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

    /// A client that starts an upload and stalls holds its slot only until the upload timeout: it
    /// is answered 408, and the next upload gets through.
    @Test func aStalledUploadGivesItsSlotBack() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        // The polling below must meet the upload gate, never the per-client or global lookup limits.
        var configuration = IssuerServer.Configuration(lookupsPerMinute: 100_000)
        configuration.globalLookupsPerMinute = 100_000
        configuration.concurrentUploads = 1
        configuration.uploadTimeout = .seconds(10)
        let server = try IssuerServer(environment: fixture.environment, issuer: fixture.issuer, configuration: configuration)
        // A 120 s read timeout (ServerFixture.live): the polls below wait on a loaded machine.
        try await ServerFixture.live(server) { client, port in
            // Sends the head and 5 of 100,000 body bytes, then waits for the answer. If one of the
            // polls below holds the slot at that moment (a 503 at once), it tries again.
            let staller = Subprocess()
            staller.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            let script = """
                import socket, time
                for attempt in range(600):
                    s = socket.create_connection(("127.0.0.1", \(port)))
                    s.sendall(b"POST /verify HTTP/1.1\\r\\nHost: x\\r\\nContent-Type: application/pdf\\r\\nContent-Length: 100000\\r\\n\\r\\n%PDF-")
                    s.settimeout(60)
                    line = s.recv(200).split(b"\\r\\n")[0].decode()
                    s.close()
                    if " 503 " not in line:
                        break
                    time.sleep(0.05)
                print(line)
                """
            staller.arguments = ["python3", "-c", script]
            let output = Pipe()
            staller.standardOutput = output
            try staller.run()
            defer { if staller.isRunning { staller.terminate() } }
            func upload() async throws -> HTTPResponse.Status {
                try await client.execute(
                    uri: "/verify", method: .post, headers: [.contentType: "application/json", .accept: "application/json"],
                    body: ByteBuffer(string: "{}")
                ).status
            }
            // The stalled upload takes the one slot …
            var busy = false
            var deadline = Date().addingTimeInterval(30)
            while !busy && Date() < deadline {
                busy = try await upload() == .serviceUnavailable
                if !busy { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(busy, "the stalled upload never held the slot")
            // … and gives it back at the timeout.
            var status = HTTPResponse.Status.serviceUnavailable
            deadline = Date().addingTimeInterval(30)
            while status == .serviceUnavailable && Date() < deadline {
                try await Task.sleep(for: .milliseconds(200))
                status = try await upload()
            }
            #expect(status == .unprocessableContent, "\(status)")
            staller.waitUntilExit()
            let answer = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer)")
        }
    }
}
