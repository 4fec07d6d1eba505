import Foundation
import Testing

/// `attest deliver` and `attest resend` with no SMTP server: messages land as .eml files, once.
@Suite("attest deliver and resend")
struct DeliveryCLITests {
    /// `attest init`, `programs add Spec/examples/PROGRAM` and `import CSV` into `folder/data`; the data path.
    static func issuer(in folder: URL, program: String, importing csv: URL) throws -> String {
        let data = folder.appendingPathComponent("data").path
        let programFile = IssuerWorkspace.repositoryRoot.appendingPathComponent("Spec/examples/\(program)")
        let programID = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: programFile)) as? [String: Any])["id"] as? String
        for arguments in [
            ["init", "--data", data, "--keys", folder.appendingPathComponent("Keys").path, "--name", "Northwind", "--base-url", "https://certs.example.org"],
            ["programs", "add", "--data", data, programFile.path],
            ["import", "--data", data, csv.path, "--program", try #require(programID)],
        ] {
            let result = try Executables.run("attest", arguments)
            #expect(result.status == 0, "\(arguments[0]): \(result.standardError)")
        }
        return data
    }

    @Test("issued certificates are written once as MIME messages with the PDF; resend queues one more, to the new address")
    func deliverAndResend() throws {
        let folder = try Executables.temporaryDirectory()
        let csv = folder.appendingPathComponent("two.csv")
        let lines = try String(contentsOf: IssuerWorkspace.repositoryRoot.appendingPathComponent("Spec/examples/completions.csv"), encoding: .utf8).split(separator: "\n").prefix(3)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: csv)
        let data = try Self.issuer(in: folder, program: "program.json", importing: csv)
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

    @Test("a B2B program: its own templates reach the learner, each supervisor gets one notice; a broken template is refused")
    func businessProgram() throws {
        let folder = try Executables.temporaryDirectory()
        let csv = folder.appendingPathComponent("one.csv")
        try Data("learner_id,email,legal_name,preferred_name,completed_at,score,modules\nu-7,kofi@example.org,Kofi Mensah Boateng,Kofi,2026-11-20,90,theory;practical\n".utf8).write(to: csv)
        let data = try Self.issuer(in: folder, program: "program-b2b.json", importing: csv)
        let delivered = try Executables.run("attest", ["deliver", "--data", data], environment: ["ATTEST_SMTP_URL": ""])
        #expect(delivered.standardOutput.contains("sent 3"), "\(delivered.standardOutput) \(delivered.standardError)")
        let outbox = URL(fileURLWithPath: data).appendingPathComponent("outbox")
        let messages = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasSuffix(".eml") }
            .map { try String(contentsOf: outbox.appendingPathComponent($0), encoding: .utf8) }
        #expect(messages.count == 3)
        // Content is checked with a real MIME parser in DeliveryTests; here: who got what.
        #expect(messages.filter { $0.contains("To: \"Kofi\" <kofi@example.org>") }.count == 1)
        for supervisor in ["training.lead@client-a.example", "hr@client-a.example"] {
            #expect(messages.filter { $0.contains("To: <\(supervisor)>") }.count == 1, "\(supervisor)")
        }

        var broken = try String(contentsOf: IssuerWorkspace.repositoryRoot.appendingPathComponent("Spec/examples/program-b2b.json"), encoding: .utf8)
        broken = broken.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2").replacingOccurrences(of: "{{/cohort}}", with: "{{/course}}")
        let brokenFile = folder.appendingPathComponent("broken.json")
        try Data(broken.utf8).write(to: brokenFile)
        let refused = try Executables.run("attest", ["programs", "add", "--data", data, brokenFile.path])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("email.html, line 7: {{/course}} closes {{#cohort}}"), "\(refused.standardError)")
        let shown = try Executables.run("attest", ["programs", "show", "--data", data, "forklift-operator-client"])
        #expect(shown.standardOutput.contains("\"version\" : 1"))
    }
}
