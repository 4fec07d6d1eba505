import Foundation
import Testing

/// Issue 21 point 3 with the real `attest serve`, a real SMTP server and a wallet written in Python
/// from the OpenID4VCI 1.0 text (`Tests/Wallet/oid4vci_wallet.py`: PyNaCl did:key, PyJWT EdDSA
/// proof): offer → transaction code read from the email → token → nonce → credential; the
/// credential is bound to the wallet's DID, its proof verifies in the wallet (pyld + PyNaCl, not
/// Attest's code), `attest-verify` calls it VALID, and INVALID/revoked once
/// the original is revoked. And the deferred path: 202 while the completion waits for review, the
/// credential after a reviewer approves.
@Suite("OpenID4VCI pre-authorized code flow, end to end with a Python wallet")
struct OpenID4VCIEndToEndTests {
    static let wallet = IssuerWorkspace.repositoryRoot.appendingPathComponent("Tests/Wallet/oid4vci_wallet.py").path
    static let seed = String(repeating: "09", count: 32)

    /// An issuer whose public address is the server's, serving with the SMTP sink (a fresh port if the first was taken).
    static func serve(_ workspace: IssuerWorkspace, sink: MessageIDSink) throws -> RunningServer {
        for attempt in 1...3 {
            let port = try LoopbackPort.unused()
            let initialized = try workspace.attest([
                "init", "--name", "Northwind Safety Academy", "--base-url", "http://127.0.0.1:\(port)", "--keys", workspace.keys,
            ])
            try #require(initialized.status == 0, "init: \(initialized.standardError)")
            try #require(try workspace.attest(["programs", "add", IssuerWorkspace.exampleProgram]).status == 0)
            do {
                return try RunningServer(workspace, port: port, arguments: ["--smtp-url", sink.url])
            } catch is RunningServer.StartFailed where attempt < 3 {
                try? FileManager.default.removeItem(atPath: workspace.data)
                try? FileManager.default.removeItem(atPath: workspace.keys)
                continue
            }
        }
        throw RunningServer.StartFailed(description: "unreachable")
    }

    static func issue(_ workspace: IssuerWorkspace, learner: String, email: String, score: String) throws -> String {
        try workspace.attest([
            "issue", "--program", IssuerWorkspace.programID, "--learner-id", learner, "--email", email, "--name", "Zoë Åkesson",
            "--score", score, "--minutes", "150", "--module", "ladders", "--module", "scaffolds", "--module", "harness",
        ]).standardOutput
    }

    /// The offer URL the API makes for `body` (`{"credentialId": …}` or `{"completionId": …}`).
    static func offer(_ server: RunningServer, token: String, body: String) async throws -> String {
        let created = try await HTTPExchange.send(
            "POST", server.address + "/api/v1/wallet/offers", headers: ServeCommandTests.bearer(token), body: Data(body.utf8))
        #expect(created.status == 201, "\(created.text)")
        return try #require(try created.json()["offerUrl"] as? String)
    }

    /// The six-digit code in the newest transaction-code email to `address`.
    static func transactionCode(_ sink: MessageIDSink, to address: String, after count: Int) async throws -> String {
        var code: String?
        try await LearnerMagicLinkEndToEndTests.waitUntil("the transaction code email") {
            let codes = sink.texts().filter { $0.to.contains(address) }.compactMap { message -> String? in
                guard let range = message.text.range(of: "Enter this code:") else { return nil }
                let digits = message.text[range.upperBound...].drop { !$0.isNumber }.prefix { $0.isNumber }
                return digits.count == 6 ? String(digits) : nil
            }
            code = codes.count > count ? codes.last : nil
            return code != nil
        }
        return try #require(code)
    }

    static func runWallet(_ arguments: [String]) throws -> Executables.Result {
        try Executables.runProgram("python3", [wallet] + arguments)
    }

    static func verify(_ file: String) throws -> Executables.Result {
        try Executables.run("attest-verify", LiveRevocationTests.localOption + ["--no-cache", file])
    }

    @Test("offer → emailed tx_code → token → nonce → credential bound to the wallet's did:key; VALID, then revoked with the original")
    func immediateIssuance() async throws {
        let workspace = try IssuerWorkspace()
        let sink = try MessageIDSink(folder: workspace.folder, keepText: true)
        defer { sink.stop() }
        let server = try Self.serve(workspace, sink: sink)
        defer { _ = server.stop() }
        let issued = try Self.issue(workspace, learner: "u-1", email: "zoe@example.org", score: "95")
        let credentialID = try #require(issued.hasPrefix("issued ") ? issued.split(separator: " ").dropFirst().first.map(String.init) : nil)
        let token = try ServeCommandTests.createKey(workspace, role: "issuer", name: "registrar")
        let holder = try Self.runWallet(["did", "--seed", Self.seed]).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(holder.hasPrefix("did:key:z6Mk"))

        // A wrong transaction code is refused with invalid_grant, and the offer still works with the right one.
        let offerURL = try await Self.offer(server, token: token, body: #"{"credentialId":"\#(credentialID)"}"#)
        #expect(offerURL.hasPrefix("openid-credential-offer://?credential_offer_uri="))
        let code = try await Self.transactionCode(sink, to: "zoe@example.org", after: 0)
        let out = workspace.path("wallet-credential.json")
        let wrong = try Self.runWallet([
            "receive", offerURL, "--tx-code", code == "000000" ? "111111" : "000000", "--seed", Self.seed, "--out", out,
        ])
        #expect(wrong.status == 2, "\(wrong.standardOutput) \(wrong.standardError)")
        #expect(wrong.standardError.contains("invalid_grant"))
        let received = try Self.runWallet(["receive", offerURL, "--tx-code", code, "--seed", Self.seed, "--out", out])
        #expect(received.status == 0, "\(received.standardOutput) \(received.standardError)")
        // The wallet verified the eddsa-rdfc-2022 proof itself (pyld + PyNaCl), not with Attest's code.
        #expect(received.standardOutput.contains("proof verified"), "\(received.standardOutput)")
        let credential = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        #expect((credential["credentialSubject"] as? [String: Any])?["id"] as? String == holder)
        #expect(
            try workspace.count("SELECT count(*) FROM auditEntry WHERE kind = 'credential.walletCopy' AND data LIKE '%openid4vci%'") == 1)
        // The same offer again: the code was used.
        let replay = try Self.runWallet(["receive", offerURL, "--tx-code", code, "--seed", Self.seed, "--out", out])
        #expect(replay.status != 0)

        let valid = try Self.verify(out)
        #expect(valid.status == 0, "\(valid.standardOutput) \(valid.standardError)")
        #expect(valid.standardOutput.contains("VALID"), "\(valid.standardOutput)")
        let revoked = try await HTTPExchange.send(
            "POST", server.address + "/api/v1/credentials/\(credentialID)/revoke", headers: ServeCommandTests.bearer(token),
            body: Data(#"{"reason": "issued in error"}"#.utf8))
        #expect(revoked.status == 200, "\(revoked.text)")
        let invalid = try Self.verify(out)
        #expect(invalid.status == 1, "\(invalid.standardOutput) \(invalid.standardError)")
        #expect(invalid.standardOutput.contains("INVALID") && invalid.standardOutput.contains("revoked"), "\(invalid.standardOutput)")
    }

    @Test("attest serve --no-oid4vci serves no OpenID4VCI endpoint")
    func turnedOff() async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let server = try RunningServer(workspace, arguments: ["--no-oid4vci"])
        defer { _ = server.stop() }
        for (method, path) in [("GET", "/.well-known/openid-credential-issuer"), ("POST", "/nonce"), ("POST", "/token")] {
            let response = try await HTTPExchange.send(method, server.address + path, headers: ["Accept": "application/json"])
            #expect(response.status == 404, "\(method) \(path)")
        }
    }

    @Test("a completion in the review queue: 202 and pending until a reviewer approves, then the bound credential")
    func deferredIssuance() async throws {
        let workspace = try IssuerWorkspace()
        let sink = try MessageIDSink(folder: workspace.folder, keepText: true)
        defer { sink.stop() }
        let server = try Self.serve(workspace, sink: sink)
        defer { _ = server.stop() }
        let held = try Self.issue(workspace, learner: "u-2", email: "ada@example.org", score: "81")
        #expect(held.hasPrefix("held"), "\(held)")
        let token = try ServeCommandTests.createKey(workspace, role: "issuer", name: "registrar")
        let reviews = try await HTTPExchange.send("GET", server.address + "/api/v1/reviews", headers: ServeCommandTests.bearer(token))
        let list = try #require(try JSONSerialization.jsonObject(with: reviews.body) as? [String: Any])
        let items = (list["reviews"] as? [[String: Any]]) ?? (list["items"] as? [[String: Any]]) ?? []
        let completionID = try #require(items.first?["completionId"] as? String, "\(reviews.text)")

        let offerURL = try await Self.offer(server, token: token, body: #"{"completionId":"\#(completionID)"}"#)
        let code = try await Self.transactionCode(sink, to: "ada@example.org", after: 0)
        let out = workspace.path("deferred-credential.json")
        let state = workspace.path("deferred-state.json")
        let deferred = try Self.runWallet(["receive", offerURL, "--tx-code", code, "--seed", Self.seed, "--out", out, "--state", state])
        #expect(deferred.status == 3, "\(deferred.standardOutput) \(deferred.standardError)")
        let pending = try Self.runWallet(["deferred", "--state", state, "--out", out])
        #expect(pending.status == 3 && pending.standardOutput.contains("pending"), "\(pending.standardOutput) \(pending.standardError)")

        let approved = try await HTTPExchange.send(
            "POST", server.address + "/api/v1/reviews/\(completionID)/approve", headers: ServeCommandTests.bearer(token),
            body: Data("{}".utf8))
        #expect(approved.status == 200, "\(approved.text)")
        var received: Executables.Result?
        try await LearnerMagicLinkEndToEndTests.waitUntil("the approved credential to be signed") {
            received = try Self.runWallet(["deferred", "--state", state, "--out", out])
            return received?.status != 3
        }
        #expect(received?.status == 0, "\(received?.standardOutput ?? "") \(received?.standardError ?? "")")
        #expect(received?.standardOutput.contains("proof verified") == true, "\(received?.standardOutput ?? "")")
        let valid = try Self.verify(out)
        #expect(valid.status == 0 && valid.standardOutput.contains("VALID"), "\(valid.standardOutput) \(valid.standardError)")
        let again = try Self.runWallet(["deferred", "--state", state, "--out", out])
        #expect(again.status == 2 && again.standardError.contains("invalid_transaction_id"), "\(again.standardError)")
    }
}
