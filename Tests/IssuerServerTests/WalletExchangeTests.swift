import CanonicalJSON
import Ed25519
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import Testing
import VerifiableCredentials

@testable import IssuerServer

/// A wallet's side of a DID authentication: a `did:key` holder signing presentations.
struct TestWalletHolder {
    let key: Ed25519PrivateKey
    var did: String { DIDKey.did(for: key.publicKey) }

    init(seed: UInt8 = 11) { key = try! Ed25519PrivateKey(seed: [UInt8](repeating: seed, count: 32)) }

    /// A presentation with `holder` = the DID and an `eddsa-rdfc-2022` authentication proof
    /// carrying `challenge` and (unless nil) `domain`.
    func presentation(challenge: String, domain: String?, signer: Ed25519PrivateKey? = nil) throws -> JSONValue {
        let document: JSONObject = [
            "@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"], "holder": .string(did),
        ]
        var proof: JSONObject = [
            "type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "created": "2026-11-23T09:00:00Z",
            "verificationMethod": .string(DIDKey.verificationMethodID(for: key.publicKey)), "proofPurpose": "authentication",
            "challenge": .string(challenge),
        ]
        if let domain { proof["domain"] = .string(domain) }
        let signature = try (signer ?? key).signature(for: try EdDSARDFC2022().hashData(document: document, proofConfiguration: proof))
        proof["proofValue"] = .string(Multibase.encode(signature, base: .base58btc))
        var signed = document
        signed["proof"] = .object(proof)
        return .object(signed)
    }
}

@Suite("Wallet exchanges: interaction URL, VC-API exchange, DCC request link")
struct WalletExchangeTests {
    static let domain = "https://certs.example.org"
    let holder = TestWalletHolder()

    static func path(_ url: String) -> String { String(url.dropFirst(domain.count)) }

    static func json(_ client: some TestClientProtocol, _ uri: String, _ body: JSONValue) async throws -> TestResponse {
        try await client.execute(
            uri: uri, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body.serialized()))
    }

    /// Opens an offer through the API as the `issuer` key; the answer's members.
    static func offer(_ client: some TestClientProtocol, credentialID: String, token: String?) async throws -> JSONValue {
        let response = try await client.execute(
            uri: "/api/v1/credentials/\(credentialID)/wallet-exchanges", method: .post, headers: ServerFixture.bearer(token))
        #expect(response.status == .created, "\(response.text)")
        return try JSONValue.parse(response.text)
    }

    func walletCopies(_ fixture: ServerFixture) async throws -> [AuditEntry] {
        try await fixture.store.read { try $0.auditEntries(from: 1, limit: 1000) }.filter { $0.kind == "credential.walletCopy" }
    }

    /// `POST {}` to the exchange; its challenge.
    static func challenge(_ client: some TestClientProtocol, _ exchange: String) async throws -> String {
        let response = try await json(client, exchange, [:])
        #expect(response.status == .ok, "\(response.text)")
        return try #require(try JSONValue.parse(response.text)["verifiablePresentationRequest"]?["challenge"]?.stringValue)
    }

    @Test("a wallet follows the interaction URL, authenticates, and receives the credential bound to its DID, audited once")
    func fullExchange() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let offer = try await Self.offer(client, credentialID: record.id, token: tokens["issuer"])
            let interaction = try #require(offer["interactionUrl"]?.stringValue)
            #expect(interaction.hasSuffix("?iuv=1") && interaction.count < 400)
            #expect(offer["interaction"]?.stringValue == "interaction:" + interaction)

            let protocols = try await client.execute(uri: Self.path(interaction), method: .get, headers: [.accept: "application/json"])
            #expect(protocols.status == .ok)
            let exchangeURL = try #require(try JSONValue.parse(protocols.text)["protocols"]?["vcapi"]?.stringValue)
            #expect(exchangeURL == offer["exchangeUrl"]?.stringValue)
            let page = try await client.execute(uri: Self.path(interaction), method: .get, headers: [.accept: "text/html"])
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("Open this with a wallet") && page.text.contains("<svg"))

            let request = try JSONValue.parse(try await Self.json(client, Self.path(exchangeURL), [:]).text)[
                "verifiablePresentationRequest"]
            #expect(request?["query"]?.asArray.first?["type"]?.stringValue == "DIDAuthentication")
            #expect(request?["domain"]?.stringValue == Self.domain)
            #expect(request?["interact"]?["service"]?.asArray.first?["serviceEndpoint"]?.stringValue == exchangeURL)
            let challenge = try #require(request?["challenge"]?.stringValue)

            let answer = try await Self.json(
                client, Self.path(exchangeURL),
                ["verifiablePresentation": try holder.presentation(challenge: challenge, domain: Self.domain)])
            #expect(answer.status == .ok, "\(answer.text)")
            let credential = try #require(
                try JSONValue.parse(answer.text)["verifiablePresentation"]?["verifiableCredential"]?.asArray.first)
            #expect(credential["credentialSubject"]?["id"]?.stringValue == holder.did)
            #expect(credential["proof"]?.asArray.first?["cryptosuite"]?.stringValue == "eddsa-rdfc-2022")
            let original = try JSONValue.parse(bytes: Array(try #require(record.credentialJSON)))
            #expect(credential["credentialStatus"] == original["credentialStatus"])
            let report = try await fixture.server.verifyAnyCredential(credential)
            #expect(report.verdict == .valid, "\(report.checks)")

            let copies = try await walletCopies(fixture)
            #expect(copies.count == 1)
            #expect(copies.first?.actor == "api:issuer")
            #expect(copies.first?.data.contains(holder.did) == true)
            #expect(copies.first?.data.contains("\"vcapi\"") == true)
        }
    }

    @Test("refused, nothing issued: a replayed presentation (challenge used)")
    func replayedChallenge() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let exchange = Self.path(
                try #require(try await Self.offer(client, credentialID: record.id, token: tokens["issuer"])["exchangeUrl"]?.stringValue))
            let presentation = try holder.presentation(challenge: try await Self.challenge(client, exchange), domain: Self.domain)
            #expect(try await Self.json(client, exchange, ["verifiablePresentation": presentation]).status == .ok)
            let replay = try await Self.json(client, exchange, ["verifiablePresentation": presentation])
            #expect(replay.status == .conflict)
            #expect(try JSONValue.parse(replay.text)["code"]?.stringValue == "challengeUsed")
            #expect(try await Self.json(client, exchange, [:]).status == .conflict, "a completed exchange hands out no new challenge")
            #expect(try await walletCopies(fixture).count == 1)
        }
    }

    @Test("refused, nothing issued: a presentation signed for another domain; the right one then works")
    func wrongDomain() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let exchange = Self.path(
                try #require(try await Self.offer(client, credentialID: record.id, token: tokens["issuer"])["exchangeUrl"]?.stringValue))
            let challenge = try await Self.challenge(client, exchange)
            let refused = try await Self.json(
                client, exchange, ["verifiablePresentation": try holder.presentation(challenge: challenge, domain: "https://evil.example")])
            #expect(refused.status == .badRequest)
            let problem = try JSONValue.parse(refused.text)
            #expect(problem["code"]?.stringValue == "invalidPresentation")
            #expect(problem["detail"]?.stringValue?.contains("INVALID_DOMAIN_ERROR") == true)
            let withoutDomain = try await Self.json(
                client, exchange, ["verifiablePresentation": try holder.presentation(challenge: challenge, domain: nil)])
            #expect(withoutDomain.status == .badRequest, "a VC-API exchange requires the domain")
            #expect(try await walletCopies(fixture).isEmpty)
            let accepted = try await Self.json(
                client, exchange, ["verifiablePresentation": try holder.presentation(challenge: challenge, domain: Self.domain)])
            #expect(accepted.status == .ok)
        }
    }

    @Test("refused, nothing issued: a bad signature, another exchange's challenge")
    func badSignature() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let exchange = Self.path(
                try #require(try await Self.offer(client, credentialID: record.id, token: tokens["issuer"])["exchangeUrl"]?.stringValue))
            let challenge = try await Self.challenge(client, exchange)
            let forged = try holder.presentation(
                challenge: challenge, domain: Self.domain, signer: try Ed25519PrivateKey(seed: [UInt8](repeating: 12, count: 32)))
            let refused = try await Self.json(client, exchange, ["verifiablePresentation": forged])
            #expect(refused.status == .badRequest)
            #expect(try JSONValue.parse(refused.text)["detail"]?.stringValue?.contains("PROOF_VERIFICATION_ERROR") == true)
            let other = try await Self.json(
                client, exchange,
                ["verifiablePresentation": try holder.presentation(challenge: "ABCDEFGHJKMNPQRSTVWXYZ0123", domain: Self.domain)])
            #expect(try JSONValue.parse(other.text)["detail"]?.stringValue?.contains("INVALID_CHALLENGE_ERROR") == true)
            #expect(try await walletCopies(fixture).isEmpty)
        }
    }

    @Test("refused, nothing issued: an expired exchange, an expired challenge")
    func expired() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let first = Self.path(
                try #require(try await Self.offer(client, credentialID: record.id, token: tokens["issuer"])["exchangeUrl"]?.stringValue))
            let challenge = try await Self.challenge(client, first)
            fixture.clock.advance(by: 10 * 60 + 1)
            let late = try await Self.json(
                client, first, ["verifiablePresentation": try holder.presentation(challenge: challenge, domain: Self.domain)])
            #expect(late.status == .gone, "a challenge lives 10 minutes")
            #expect(try JSONValue.parse(late.text)["code"]?.stringValue == "exchangeExpired")

            let second = Self.path(
                try #require(try await Self.offer(client, credentialID: record.id, token: tokens["issuer"])["exchangeUrl"]?.stringValue))
            fixture.clock.advance(by: 30 * 60 + 1)
            let expired = try await Self.json(client, second, [:])
            #expect(expired.status == .gone, "an exchange lives 30 minutes")
            let interaction = try await client.execute(
                uri: second.replacingOccurrences(of: "/exchanges/", with: "/interactions/") + "?iuv=1", method: .get,
                headers: [.accept: "application/json"])
            #expect(interaction.status == .gone)
            #expect(try await walletCopies(fixture).isEmpty)
        }
    }

    @Test("the learner's own link makes a wallet offer (a GET makes none); the DCC request link hands out the bound credential")
    func learnerLinkAndRequestLink() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let claim = try await ClaimTokens(store: fixture.store, random: fixture.environment.random).token(forCredentialID: record.id)
        try await fixture.test { client in
            #expect(try await client.execute(uri: "/c/\(record.id)/wallet", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/c/\(record.id)/wallet?claim=\(claim.dropLast())A", method: .post).status == .notFound)
            let start = try await client.execute(uri: "/c/\(record.id)/wallet?claim=\(claim)", method: .get)
            #expect(start.status == .ok && start.text.contains("<form method=\"post\""))
            #expect(
                try await fixture.store.read { try $0.unexpiredWalletExchangeCount(credentialID: record.id, at: fixture.clock.now) } == 0)

            let page = try await client.execute(uri: "/c/\(record.id)/wallet?claim=\(claim)", method: .post)
            #expect(page.status == .ok)
            #expect(page.text.contains("<svg") && page.text.contains("https://lcw.app/request.html?issuer="))
            #expect(page.text.contains("dccrequest://request?"))
            let link = try #require(page.text.components(separatedBy: "\"").first { $0.hasPrefix("dccrequest://request?") })
            let query = URLComponents(string: link.replacingOccurrences(of: "&amp;", with: "&"))?.queryItems ?? []
            let challenge = try #require(query.first { $0.name == "challenge" }?.value)
            let requestURL = try #require(query.first { $0.name == "vc_request_url" }?.value)
            #expect(query.first { $0.name == "auth_type" }?.value == "bearer")

            // LCW signs only the challenge; its presentation comes bare.
            let answer = try await Self.json(client, Self.path(requestURL), try holder.presentation(challenge: challenge, domain: nil))
            #expect(answer.status == .ok, "\(answer.text)")
            let credential = try JSONValue.parse(answer.text)
            #expect(credential["credentialSubject"]?["id"]?.stringValue == holder.did)
            #expect(try await fixture.server.verifyAnyCredential(credential).verdict == .valid)
            let copies = try await walletCopies(fixture)
            #expect(copies.map(\.actor) == ["learner:\(record.learnerID)"])
            #expect(copies.first?.data.contains("lcw-request") == true)
            let again = try await Self.json(client, Self.path(requestURL), try holder.presentation(challenge: challenge, domain: nil))
            #expect(again.status == .conflict)
        }
    }

    @Test("bounded: a body over 64 KiB is refused before it is read; a viewer key may not open exchanges")
    func bounds() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let exchange = Self.path(
                try #require(try await Self.offer(client, credentialID: record.id, token: tokens["issuer"])["exchangeUrl"]?.stringValue))
            let large = "{\"verifiablePresentation\":\"" + String(repeating: "a", count: 70 * 1024) + "\"}"
            let refused = try await client.execute(
                uri: exchange, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: large))
            #expect(refused.status == .contentTooLarge)
            let viewer = try await client.execute(
                uri: "/api/v1/credentials/\(record.id)/wallet-exchanges", method: .post, headers: ServerFixture.bearer(tokens["viewer"]))
            #expect(viewer.status == .forbidden)
        }
    }

    @Test("revoking the certificate reaches the wallet copy, and a revoked certificate opens no exchange")
    func revocationReachesTheCopy() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            let exchange = Self.path(
                try #require(try await Self.offer(client, credentialID: record.id, token: tokens["issuer"])["exchangeUrl"]?.stringValue))
            let answer = try await Self.json(
                client, exchange,
                [
                    "verifiablePresentation": try holder.presentation(
                        challenge: try await Self.challenge(client, exchange), domain: Self.domain)
                ])
            let credential = try #require(
                try JSONValue.parse(answer.text)["verifiablePresentation"]?["verifiableCredential"]?.asArray.first)
            #expect(try await fixture.server.verifyAnyCredential(credential).verdict == .valid)
            try await fixture.changes().revoke(record.id, reason: "issued in error")
            #expect(try await fixture.server.verifyAnyCredential(credential).verdict == .invalid)
            let refused = try await client.execute(
                uri: "/api/v1/credentials/\(record.id)/wallet-exchanges", method: .post, headers: ServerFixture.bearer(tokens["admin"]))
            #expect(refused.status == .conflict)
        }
    }
}
