import Foundation
import Testing

/// `attest deliver` and `attest resend` with no SMTP server: messages land as .eml files, once.
@Suite("attest deliver and resend")
struct DeliveryCLITests {
    @Test("issued certificates are written once as MIME messages with the PDF; resend queues one more, to the new address")
    func deliverAndResend() throws {
        let folder = try Executables.temporaryDirectory()
        let data = folder.appendingPathComponent("data").path
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let csv = folder.appendingPathComponent("two.csv")
        let lines = try String(contentsOf: root.appendingPathComponent("Spec/examples/completions.csv"), encoding: .utf8).split(separator: "\n").prefix(3)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: csv)
        for arguments in [
            ["init", "--data", data, "--keys", folder.appendingPathComponent("Keys").path, "--name", "Northwind", "--base-url", "https://certs.example.org"],
            ["programs", "add", "--data", data, root.appendingPathComponent("Spec/examples/program.json").path],
            ["import", "--data", data, csv.path, "--program", "working-at-height-2"],
        ] {
            let result = try Executables.run("attest", arguments)
            #expect(result.status == 0, "\(arguments[0]): \(result.standardError)")
        }
        let environment = ["ATTEST_SMTP_URL": ""]
        let delivered = try Executables.run("attest", ["deliver", "--data", data], environment: environment)
        #expect(delivered.status == 0, "\(delivered.standardError)")
        #expect(delivered.standardOutput.contains("sent 2"))
        let outbox = URL(fileURLWithPath: data).appendingPathComponent("outbox")
        let messages = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasSuffix(".eml") }
        #expect(messages.count == 2)
        let text = try String(contentsOf: outbox.appendingPathComponent(messages[0]), encoding: .utf8)
        #expect(text.contains("Content-Type: application/pdf"))
        #expect(text.contains("https://certs.example.org/c/"))

        let again = try Executables.run("attest", ["deliver", "--data", data], environment: environment)
        #expect(again.standardOutput.contains("sent 0"))
        let id = try #require(try Executables.run("attest", ["credentials", "list", "--data", data]).standardOutput.split(separator: " ").first)
        #expect(try Executables.run("attest", ["resend", String(id), "--data", data, "--to", "supervisor@example.org"]).status == 0)
        #expect(try Executables.run("attest", ["deliver", "--data", data], environment: environment).standardOutput.contains("sent 1"))
        let all = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasSuffix(".eml") }
        #expect(all.count == 3)
        let resent = try all.map { try String(contentsOf: outbox.appendingPathComponent($0), encoding: .utf8) }.filter { $0.contains("supervisor@example.org") }
        #expect(resent.count == 1)
        let refused = try Executables.run("attest", ["resend", String(id), "--data", data, "--to", "not an address"])
        #expect(refused.status != 0)
    }
}
