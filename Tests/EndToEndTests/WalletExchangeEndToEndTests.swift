import Ed25519
import Foundation
import Testing

/// Issue 21 points 1 and 2 with the real `attest serve` and a wallet written in Python from the
/// VCALM, DCC request-link and Data Integrity texts (`Tests/Wallet/vcapi_wallet.py`: PyNaCl did:key,
/// pyld RDFC-1.0 with local contexts): the wallet follows the interaction URL and the Learner
/// Credential Wallet request link, receives the credential bound to its DID, checks it on its own
/// (proof, binding, status list) and `attest-verify` calls it VALID; after the original certificate
/// is revoked, both say revoked.
@Suite("VC-API exchange and DCC request link, end to end with a Python wallet")
struct WalletExchangeEndToEndTests {
    static let wallet = IssuerWorkspace.repositoryRoot.appendingPathComponent("Tests/Wallet/vcapi_wallet.py").path
    static let seed = String(repeating: "0b", count: 32)

    static func runWallet(_ arguments: [String]) throws -> Executables.Result {
        try Executables.runProgram("python3", [wallet] + arguments)
    }

    static func verify(_ file: String) throws -> Executables.Result {
        try Executables.run("attest-verify", LiveRevocationTests.localOption + ["--no-cache", file])
    }

    @Test("the learner's wallet pages in headless Chromium: link on their page, the button, links and QR codes, axe and 390 px")
    func walletPagesInABrowser() async throws {
        let (workspace, server, ids) = try LiveRevocationTests.issuer(credentials: 1)
        defer { _ = server.stop() }
        let credentialID = try #require(ids.first)
        let claim = try await Self.claimToken(workspace, credentialID: credentialID)
        let script = IssuerWorkspace.repositoryRoot.appendingPathComponent("Tests/Browser/wallet_pages.py").path
        let checked = try Executables.runProgram(
            "python3", [script, "--base", server.address, "--credential", credentialID, "--claim=\(claim)"])
        #expect(checked.status == 0, "\(checked.standardOutput) \(checked.standardError)")
        #expect(checked.standardOutput.contains("ok interaction URL in a browser"), "\(checked.standardOutput)")
    }

    /// The claim token the certificate email carries (`ClaimTokens`: base64url of HMAC-SHA256 of the
    /// credential id under the issuer's `claim-token` secret), once the server's outbox worker has
    /// composed that email and so made the secret.
    static func claimToken(_ workspace: IssuerWorkspace, credentialID: String) async throws -> String {
        let query = "SELECT hex(value) FROM issuerSecret WHERE name = 'claim-token'"
        let deadline = ContinuousClock.now + .seconds(90)
        var hex = ""
        while hex.isEmpty && ContinuousClock.now < deadline {
            hex = try workspace.sqlite(query).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            if hex.isEmpty { try await Task.sleep(for: .milliseconds(200)) }
        }
        try #require(!hex.isEmpty, "no claim-token secret after 90 s: the certificate email was not composed")
        let secret = try #require(LowercaseHex.decode(hex.lowercased()))
        let mac = HMAC.sha256(key: secret, message: Array(credentialID.utf8))
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    @Test("interaction URL and request link → bound credentials; VALID to the wallet and attest-verify, revoked with the original")
    func bothProtocols() async throws {
        let (workspace, server, ids) = try LiveRevocationTests.issuer(credentials: 1)
        defer { _ = server.stop() }
        let credentialID = try #require(ids.first)
        let token = try ServeCommandTests.createKey(workspace, role: "issuer", name: "registrar")
        let holder = try Self.runWallet(["did", "--seed", Self.seed]).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(holder.hasPrefix("did:key:z6Mk"))

        let opened = try await HTTPExchange.send(
            "POST", server.address + "/api/v1/credentials/\(credentialID)/wallet-exchanges", headers: ServeCommandTests.bearer(token))
        #expect(opened.status == 201, "\(opened.text)")
        let links = try opened.json()
        let interaction = try #require(links["interaction"] as? String)
        let requestLink = try #require(links["lcwRequestUrl"] as? String)
        #expect(requestLink.hasPrefix("https://lcw.app/request.html?issuer="))

        let viaExchange = workspace.path("wallet-vcapi.json")
        let exchanged = try Self.runWallet(["exchange", interaction, "--seed", Self.seed, "--out", viaExchange, "--replay"])
        #expect(exchanged.status == 0, "\(exchanged.standardOutput) \(exchanged.standardError)")
        #expect(exchanged.standardOutput.contains("replay refused: 409"), "\(exchanged.standardOutput)")
        let viaRequest = workspace.path("wallet-lcw.json")
        let requested = try Self.runWallet(["request", requestLink, "--seed", Self.seed, "--out", viaRequest])
        #expect(requested.status == 0, "\(requested.standardOutput) \(requested.standardError)")
        #expect(try workspace.count("SELECT count(*) FROM auditEntry WHERE kind = 'credential.walletCopy'") == 2)

        for file in [viaExchange, viaRequest] {
            let own = try Self.runWallet(["check", file, "--holder", holder, "--connect", server.address])
            #expect(own.status == 0 && own.standardOutput.contains("VALID"), "\(own.standardOutput) \(own.standardError)")
            let valid = try Self.verify(file)
            #expect(valid.status == 0 && valid.standardOutput.contains("VALID"), "\(valid.standardOutput) \(valid.standardError)")
        }

        let revoked = try await HTTPExchange.send(
            "POST", server.address + "/api/v1/credentials/\(credentialID)/revoke", headers: ServeCommandTests.bearer(token),
            body: Data(#"{"reason": "issued in error"}"#.utf8))
        #expect(revoked.status == 200, "\(revoked.text)")
        for file in [viaExchange, viaRequest] {
            let own = try Self.runWallet(["check", file, "--holder", holder, "--connect", server.address])
            #expect(own.status == 4 && own.standardOutput.contains("REVOKED"), "\(own.standardOutput) \(own.standardError)")
            let invalid = try Self.verify(file)
            #expect(invalid.status == 1, "\(invalid.standardOutput) \(invalid.standardError)")
            #expect(invalid.standardOutput.contains("INVALID") && invalid.standardOutput.contains("revoked"), "\(invalid.standardOutput)")
        }
        // A revoked certificate opens no new exchange.
        let refused = try await HTTPExchange.send(
            "POST", server.address + "/api/v1/credentials/\(credentialID)/wallet-exchanges", headers: ServeCommandTests.bearer(token))
        #expect(refused.status == 409, "\(refused.text)")
    }
}
