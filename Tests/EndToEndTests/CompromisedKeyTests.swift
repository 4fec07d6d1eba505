import Foundation
import Testing

/// Issue 14 item 14 with the real tools: `attest keys retire key-1 --compromised --since T` on an
/// issuer whose key-1 signed one credential before T and one after. What a verifier that knows
/// nothing of Attest reads (the did:web document, the status lists) makes the one after T INVALID
/// and the old one too (its key left `assertionMethod`), while its reissue under key-2 is VALID:
/// offline with the exported DID document, and live against the running server.
@Suite("attest keys retire --compromised end to end")
struct CompromisedKeyTests {
    static func stamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    @Test("signed after T: INVALID offline, live and on the page; signed before T: reissued under key-2, VALID")
    func compromisedKey() async throws {
        let port = try LoopbackPort.unused()
        let workspace = try IssuerWorkspace()
        // Every signed date stays in the past for attest-verify, which judges at the real time.
        let clock = workspace.path("clock")
        let start = Date(timeIntervalSince1970: Date().addingTimeInterval(-3 * 3600).timeIntervalSince1970.rounded(.down))
        let since = start.addingTimeInterval(3600)
        let environment = ["ATTEST_CLOCK_FILE": clock]
        func attest(_ arguments: [String], at moment: Date) throws -> Executables.Result {
            try Data(Self.stamp(moment).utf8).write(to: URL(fileURLWithPath: clock), options: .atomic)
            return try workspace.attest(arguments, environment: environment)
        }
        let initialized = try attest(
            ["init", "--name", "Northwind Safety Academy", "--base-url", "http://127.0.0.1:\(port)", "--keys", workspace.keys], at: start)
        try #require(initialized.status == 0, "\(initialized.standardError)")
        try #require(try attest(["programs", "add", IssuerWorkspace.exampleProgram], at: start).status == 0)
        func issue(_ learner: String, at moment: Date) throws -> String {
            let issued = try attest(
                [
                    "issue", "--program", IssuerWorkspace.programID, "--learner-id", learner, "--email", "\(learner)@example.org", "--name",
                    "Learner \(learner)", "--score", "95", "--minutes", "150", "--module", "ladders", "--module", "scaffolds", "--module",
                    "harness",
                ], at: moment)
            return try #require(issued.standardOutput.split(separator: " ").dropFirst().first.map(String.init), "\(issued.standardOutput)")
        }
        let before = try issue("before", at: start.addingTimeInterval(600))
        let after = try issue("after", at: since.addingTimeInterval(600))

        let retired = try attest(
            ["keys", "retire", "key-1", "--compromised", "--since", Self.stamp(since)], at: since.addingTimeInterval(1200))
        #expect(retired.status == 0, "\(retired.standardOutput)\(retired.standardError)")
        #expect(retired.standardOutput.contains("key-1 was the active key: the active key is now"), "\(retired.standardOutput)")
        let reissueLine = try #require(retired.standardOutput.split(separator: "\n").first { $0.contains("\(before) -> ") })
        let reissued = String(try #require(reissueLine.split(separator: " ").last))
        #expect(retired.standardOutput.contains("revoked 1 credentials it signed at or after \(Self.stamp(since))"))
        #expect(retired.standardOutput.contains("  \(after)\n"))
        let listed = try workspace.attest(["keys", "list"]).standardOutput
        #expect(listed.contains("COMPROMISED since \(Self.stamp(since))"), "\(listed)")
        #expect(try workspace.attest(["audit", "verify"]).status == 0)
        #expect(try workspace.count("SELECT count(*) FROM auditEntry WHERE kind = 'key.compromised' AND subject = 'key-1'") == 1)

        // Offline, with the DID document and status lists as the issuer publishes them.
        let afterOffline = try workspace.verifyOffline(try workspace.export(after))
        #expect(afterOffline.status == 1)
        #expect(
            afterOffline.standardOutput.contains("INVALID: signed by a compromised key after its compromise time"),
            "\(afterOffline.standardOutput)")
        let beforeOffline = try workspace.verifyOffline(try workspace.export(before), exportDIDDocument: false)
        #expect(beforeOffline.status == 1)
        #expect(beforeOffline.standardOutput.contains("is a compromised key"), "\(beforeOffline.standardOutput)")
        let reissuedOffline = try workspace.verifyOffline(try workspace.export(reissued), exportDIDDocument: false)
        #expect(reissuedOffline.status == 0, "\(reissuedOffline.standardOutput)")
        #expect(reissuedOffline.standardOutput.contains("#key-2"))
        let document = try String(contentsOfFile: workspace.path("did.json"), encoding: .utf8)
        #expect(document.contains("\"revoked\" : \"\(Self.stamp(since))\"") || document.contains("\"revoked\": \"\(Self.stamp(since))\""))

        // A forgery by whoever holds key-1: a credential with clear status bits, dated before T.
        var forged = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: workspace.export(reissued)))) as? [String: Any])
        forged["proof"] = nil
        var subject = try #require(forged["credentialSubject"] as? [String: Any])
        subject["name"] = "Mallory"
        forged["credentialSubject"] = subject
        let unsigned = try workspace.write(
            String(decoding: try JSONSerialization.data(withJSONObject: forged), as: UTF8.self), "forged.json")
        let keyFile = try #require(try FileManager.default.contentsOfDirectory(atPath: workspace.keys).first { $0.hasSuffix("-key-1.pem") })
        let did = "did:web:127.0.0.1%3A\(port)"
        let signed = try Executables.run(
            "attest",
            [
                "sign", "--key", workspace.keys + "/" + keyFile, "--verification-method", "\(did)#key-1", "--created",
                Self.stamp(start.addingTimeInterval(300)), unsigned,
            ])
        try #require(signed.status == 0, "\(signed.standardError)")
        let forgery = try workspace.write(signed.standardOutput, "forged-signed.json")
        let forgeryOffline = try workspace.verifyOffline(forgery, exportDIDDocument: false)
        #expect(forgeryOffline.status == 1, "\(forgeryOffline.standardOutput)")
        #expect(forgeryOffline.standardOutput.contains("is a compromised key"), "\(forgeryOffline.standardOutput)")

        // Live: the running server's did:web document, status lists and page.
        let server = try RunningServer(workspace, port: port)
        let afterLive = try Executables.run(
            "attest-verify", LiveRevocationTests.localOption + ["--no-cache", "\(server.address)/c/\(after)"])
        #expect(afterLive.status == 1, "\(afterLive.standardOutput)\(afterLive.standardError)")
        #expect(
            afterLive.standardOutput.contains("INVALID: signed by a compromised key after its compromise time"),
            "\(afterLive.standardOutput)")
        let reissuedLive = try Executables.run(
            "attest-verify", LiveRevocationTests.localOption + ["--no-cache", "\(server.address)/c/\(reissued)"])
        #expect(reissuedLive.status == 0, "\(reissuedLive.standardOutput)\(reissuedLive.standardError)")
        let page = try await HTTPExchange.send("GET", "\(server.address)/c/\(after)", headers: ["Accept": "text/html"])
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(html.contains(#"<h1 id="verdict">INVALID</h1>"#), "\(html)")
        #expect(html.contains("signed by the compromised key key-1 after its compromise time \(Self.stamp(since))"))
        _ = server.stop()
    }
}
