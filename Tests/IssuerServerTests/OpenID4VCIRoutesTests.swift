import CanonicalJSON
import Ed25519
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing
import VerifiableCredentials

@Suite("OpenID4VCI over HTTP: metadata, offers, /token, /nonce, /credential, /deferred_credential and their refusals")
struct OpenID4VCIRoutesTests {
    static let walletKey = try! Ed25519PrivateKey(seed: [UInt8](repeating: 9, count: 32))
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// An EdDSA `openid4vci-proof+jwt` for the fixture's issuer.
    static func proof(nonce: String, at date: Date, audience: String = "https://certs.example.org") throws -> String {
        let header: JSONValue = [
            "typ": "openid4vci-proof+jwt", "alg": "EdDSA", "kid": .string(DIDKey.verificationMethodID(for: walletKey.publicKey)),
        ]
        let payload: JSONValue = [
            "aud": .string(audience), "iat": .number(date.timeIntervalSince1970.rounded(.down)), "nonce": .string(nonce),
        ]
        let input = Base64URL.encode(Array(header.serialized().utf8)) + "." + Base64URL.encode(Array(payload.serialized().utf8))
        return input + "." + Base64URL.encode(try walletKey.signature(for: Array(input.utf8)))
    }

    static func credentialRequest(_ jwt: String) -> String {
        #"{"credential_configuration_id":"OpenBadgeCredential_ldp_vc","proofs":{"jwt":[""# + jwt + #""]}}"#
    }

    /// Creates an offer through the API and composes its email (as the outbox worker does): the code and the emailed code.
    static func offer(_ client: some TestClientProtocol, _ fixture: ServerFixture, token: String?, body: String) async throws -> (
        code: String, transactionCode: String
    ) {
        let created = try await client.execute(
            uri: "/api/v1/wallet/offers", method: .post, headers: ServerFixture.bearer(token), body: ByteBuffer(string: body))
        #expect(created.status == .created, "\(created.text)")
        let json = try JSONValue.parse(created.text)
        let offerURL = try #require(json["offerUrl"]?.stringValue)
        #expect(offerURL.hasPrefix("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fcerts.example.org%2Fcredential-offer%2F"))
        let uri = try #require(json["credentialOfferUri"]?.stringValue)
        let code = String(uri.dropFirst("https://certs.example.org/credential-offer/".count))
        let made = try #require(
            try await OpenID4VCIIssuance(environment: fixture.environment).transactionCode(forOfferID: json["id"]?.stringValue ?? ""))
        return (code, made.code)
    }

    static func token(_ client: some TestClientProtocol, code: String, transactionCode: String) async throws -> TestResponse {
        let body =
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Apre-authorized_code&pre-authorized_code=\(code)&tx_code=\(transactionCode)"
        return try await client.execute(uri: "/token", method: .post, headers: form, body: ByteBuffer(string: body))
    }

    static func post(_ client: some TestClientProtocol, _ path: String, bearer: String?, _ body: String) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func error(_ response: TestResponse) -> String? { (try? JSONValue.parse(response.text))?["error"]?.stringValue }

    @Test("the issuer and authorization-server metadata say what the spec asks for")
    func metadata() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let issuer = try await client.execute(uri: "/.well-known/openid-credential-issuer", method: .get)
            #expect(issuer.status == .ok)
            let metadata = try JSONValue.parse(issuer.text)
            #expect(metadata["credential_issuer"]?.stringValue == "https://certs.example.org")
            #expect(metadata["credential_endpoint"]?.stringValue == "https://certs.example.org/credential")
            #expect(metadata["nonce_endpoint"]?.stringValue == "https://certs.example.org/nonce")
            #expect(metadata["deferred_credential_endpoint"]?.stringValue == "https://certs.example.org/deferred_credential")
            let configuration = try #require(metadata["credential_configurations_supported"]?["OpenBadgeCredential_ldp_vc"])
            #expect(configuration["format"]?.stringValue == "ldp_vc")
            #expect(configuration["cryptographic_binding_methods_supported"] == ["did:key"])
            #expect(configuration["proof_types_supported"]?["jwt"]?["proof_signing_alg_values_supported"] == ["EdDSA"])
            #expect(configuration["proof_types_supported"]?["di_vp"] != nil)
            #expect(configuration["credential_definition"]?["type"] == ["VerifiableCredential", "OpenBadgeCredential"])
            let server = try JSONValue.parse(try await client.execute(uri: "/.well-known/oauth-authorization-server", method: .get).text)
            #expect(server["token_endpoint"]?.stringValue == "https://certs.example.org/token")
            #expect(server["grant_types_supported"] == ["urn:ietf:params:oauth:grant-type:pre-authorized_code"])
            #expect(server["pre-authorized_grant_anonymous_access_supported"] == true)
        }
    }

    @Test("offer by API, offer URI, token, nonce, credential: the wallet's DID is in the credential")
    func wholeFlowOverHTTP() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let record = try await fixture.issue()
        try await fixture.test { client in
            let viewer = try await client.execute(
                uri: "/api/v1/wallet/offers", method: .post, headers: ServerFixture.bearer(tokens["viewer"]),
                body: ByteBuffer(string: #"{"credentialId":"\#(record.id)"}"#))
            #expect(viewer.status == .forbidden)
            let offer = try await Self.offer(client, fixture, token: tokens["issuer"], body: #"{"credentialId":"\#(record.id)"}"#)
            let document = try await client.execute(uri: "/credential-offer/\(offer.code)", method: .get)
            #expect(document.status == .ok)
            let json = try JSONValue.parse(document.text)
            let grant = json["grants"]?["urn:ietf:params:oauth:grant-type:pre-authorized_code"]
            #expect(grant?["pre-authorized_code"]?.stringValue == offer.code)
            #expect(grant?["tx_code"]?["length"] == 6)
            #expect(json["credential_configuration_ids"] == ["OpenBadgeCredential_ldp_vc"])
            #expect(try await client.execute(uri: "/credential-offer/unknown", method: .get).status == .notFound)

            let token = try await Self.token(client, code: offer.code, transactionCode: offer.transactionCode)
            #expect(token.status == .ok, "\(token.text)")
            #expect(token.headers[.cacheControl] == "no-store")
            let access = try #require(try JSONValue.parse(token.text)["access_token"]?.stringValue)
            #expect(try JSONValue.parse(token.text)["token_type"]?.stringValue == "Bearer")
            let nonce = try await client.execute(uri: "/nonce", method: .post)
            #expect(nonce.headers[.cacheControl] == "no-store")
            let cNonce = try #require(try JSONValue.parse(nonce.text)["c_nonce"]?.stringValue)
            let proof = try Self.proof(nonce: cNonce, at: fixture.clock.now)
            let unauthorized = try await Self.post(client, "/credential", bearer: nil, Self.credentialRequest(proof))
            #expect(unauthorized.status == .unauthorized)
            #expect(unauthorized.headers[.wwwAuthenticate] == "Bearer error=\"invalid_token\"")
            let issued = try await Self.post(client, "/credential", bearer: access, Self.credentialRequest(proof))
            #expect(issued.status == .ok, "\(issued.text)")
            let credential = try #require(try JSONValue.parse(issued.text)["credentials"]?.arrayValue?.first?["credential"])
            #expect(credential["credentialSubject"]?["id"]?.stringValue == DIDKey.did(for: Self.walletKey.publicKey))
            let replay = try await Self.post(client, "/credential", bearer: access, Self.credentialRequest(proof))
            #expect(replay.status == .unauthorized && Self.error(replay) == "invalid_token")
        }
    }

    @Test("the token is checked before anything else of a credential request; an offer's subject must be a string")
    func tokenFirstAndTypedSubject() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let record = try await fixture.issue()
        try await fixture.test { client in
            // An API key is no access token: 401 invalid_token whatever the body's media type (it was 400 before).
            for path in ["/credential", "/deferred_credential"] {
                let refused = try await client.execute(
                    uri: path, method: .post, headers: [.authorization: "Bearer \(tokens["lms"] ?? "")", .contentType: "text/plain"],
                    body: ByteBuffer(string: "x"))
                #expect(refused.status == .unauthorized && Self.error(refused) == "invalid_token", "\(path): \(refused.text)")
            }
            // A credentialId of another type is refused, not read as absent (it made an offer for the completion).
            let typed = try await client.execute(
                uri: "/api/v1/wallet/offers", method: .post, headers: ServerFixture.bearer(tokens["issuer"]),
                body: ByteBuffer(string: #"{"credentialId":7,"completionId":"\#(record.completionID)"}"#))
            #expect(typed.status == .badRequest, "\(typed.text)")
        }
    }

    @Test("token endpoint refusals over HTTP: media type, repeated parameter, body limit, wrong tx_code, reused code")
    func tokenRefusals() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let record = try await fixture.issue()
        try await fixture.test { client in
            let offer = try await Self.offer(client, fixture, token: tokens["issuer"], body: #"{"credentialId":"\#(record.id)"}"#)
            let json = try await client.execute(
                uri: "/token", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
            #expect(json.status == .badRequest && Self.error(json) == "invalid_request")
            let twice = try await client.execute(
                uri: "/token", method: .post, headers: Self.form,
                body: ByteBuffer(string: "grant_type=a&grant_type=b&pre-authorized_code=\(offer.code)&tx_code=1"))
            #expect(Self.error(twice) == "invalid_request")
            let huge = try await client.execute(
                uri: "/token", method: .post, headers: Self.form, body: ByteBuffer(string: "tx_code=" + String(repeating: "1", count: 5000))
            )
            #expect(huge.status == .contentTooLarge)
            let wrong = try await Self.token(
                client, code: offer.code, transactionCode: offer.transactionCode == "000000" ? "111111" : "000000")
            #expect(wrong.status == .badRequest && Self.error(wrong) == "invalid_grant")
            #expect(try await Self.token(client, code: offer.code, transactionCode: offer.transactionCode).status == .ok)
            let reused = try await Self.token(client, code: offer.code, transactionCode: offer.transactionCode)
            #expect(reused.status == .badRequest && Self.error(reused) == "invalid_grant")
        }
    }

    @Test("deferred over HTTP: 202 with transaction_id and interval while the completion is held, the credential after approval")
    func deferredOverHTTP() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        let pipeline = IssuancePipeline(environment: fixture.environment, actor: "test")
        guard case .held(let completionID, _) = try await pipeline.intake(ServerFixture.event(score: 81)) else {
            Issue.record("not held")
            return
        }
        try await fixture.test { client in
            let offer = try await Self.offer(client, fixture, token: tokens["issuer"], body: #"{"completionId":"\#(completionID)"}"#)
            let access = try #require(
                try JSONValue.parse(try await Self.token(client, code: offer.code, transactionCode: offer.transactionCode).text)[
                    "access_token"]?
                    .stringValue)
            let cNonce = try #require(
                try JSONValue.parse(try await client.execute(uri: "/nonce", method: .post).text)["c_nonce"]?.stringValue)
            let accepted = try await Self.post(
                client, "/credential", bearer: access, Self.credentialRequest(try Self.proof(nonce: cNonce, at: fixture.clock.now)))
            #expect(accepted.status == .accepted, "\(accepted.text)")
            let transactionID = try #require(try JSONValue.parse(accepted.text)["transaction_id"]?.stringValue)
            #expect(try JSONValue.parse(accepted.text)["interval"] == 60)
            let pending = try await Self.post(client, "/deferred_credential", bearer: access, #"{"transaction_id":"\#(transactionID)"}"#)
            #expect(pending.status == .accepted)
            _ = try await ReviewDecisions(environment: fixture.environment, reviewer: "staff:r@example.org").approve(
                completionID, note: nil)
            let issued = try await Self.post(client, "/deferred_credential", bearer: access, #"{"transaction_id":"\#(transactionID)"}"#)
            #expect(issued.status == .ok, "\(issued.text)")
            #expect(try JSONValue.parse(issued.text)["credentials"]?.arrayValue?.count == 1)
            let again = try await Self.post(client, "/deferred_credential", bearer: access, #"{"transaction_id":"\#(transactionID)"}"#)
            #expect(again.status == .badRequest && Self.error(again) == "invalid_transaction_id")
        }
    }

    @Test("a learner's own portal link makes an offer for their credential, and only theirs")
    func learnerPortalOffer() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let mine = try await fixture.issue()
        let theirs = try await fixture.issue(id: "evt-2", learner: "u-2", name: "Ada Lovelace")
        let link = try await LearnerLinks(store: fixture.store, now: { fixture.clock.now }, random: SeededRandomSource(seed: 5)).issue(
            to: "u-1@example.org")
        try await fixture.test { client in
            let page = try await client.execute(uri: "/learner/\(link.text)/wallet/\(mine.id)", method: .post)
            #expect(page.status == .ok)
            #expect(page.text.contains("openid-credential-offer://?credential_offer_uri="))
            let other = try await client.execute(uri: "/learner/\(link.text)/wallet/\(theirs.id)", method: .post)
            #expect(other.status == .notFound)
            let forged = try await client.execute(uri: "/learner/v2.forged/wallet/\(mine.id)", method: .post)
            #expect(forged.status == .notFound)
        }
    }

    @Test("an interaction URL lists OID4VCI; its offer is made and emailed on the first fetch only, and its code gets a token")
    func interactionOffer() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let opened = try await WalletExchanges(environment: fixture.environment).open(
            credentialID: record.id, via: .vcapi, actor: "learner:u-1")
        try await fixture.test { client in
            let interaction = try await client.execute(
                uri: "/interactions/\(opened.id)?iuv=1", method: .get, headers: [.accept: "application/json"])
            #expect(interaction.status == .ok)
            let offerURL = try #require(try JSONValue.parse(interaction.text)["protocols"]?["OID4VCI"]?.stringValue)
            let prefix = "openid-credential-offer://?credential_offer_uri="
            #expect(offerURL.hasPrefix(prefix))
            let uri = try #require(String(offerURL.dropFirst(prefix.count)).removingPercentEncoding)
            #expect(uri == "https://certs.example.org/credential-offer/exchange/\(opened.id)")
            let path = String(uri.dropFirst("https://certs.example.org".count))
            let document = try await client.execute(uri: path, method: .get)
            #expect(document.status == .ok, "\(document.text)")
            let code = try #require(
                try JSONValue.parse(document.text)["grants"]?["urn:ietf:params:oauth:grant-type:pre-authorized_code"]?[
                    "pre-authorized_code"]?
                    .stringValue)
            #expect(try await client.execute(uri: path, method: .get).status == .notFound, "made once")
            let outbox = try await fixture.store.read { try $0.outboxMessages(state: nil) }.filter { $0.event == .walletTransactionCode }
            #expect(outbox.count == 1)
            let offerID = OpenID4VCIMetadata.exchangeOfferID(exchangeID: opened.id)
            let made = try #require(try await OpenID4VCIIssuance(environment: fixture.environment).transactionCode(forOfferID: offerID))
            #expect(try await Self.token(client, code: code, transactionCode: made.code).status == .ok)
            #expect(
                try await client.execute(uri: "/credential-offer/exchange/00000000000000000000000000", method: .get).status == .notFound)
        }
    }

    @Test("/nonce and /token are rate limited per client address")
    func rateLimited() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        var configuration = IssuerServer.Configuration()
        configuration.openID4VCIRequestsPerMinute = 3
        let server = try IssuerServer(environment: fixture.environment, issuer: fixture.issuer, configuration: configuration)
        try await Application(router: server.router()).test(.router) { client in
            for _ in 1...3 {
                let response = try await client.execute(uri: "/nonce", method: .post)
                #expect(response.status == .ok)
            }
            let limited = try await client.execute(uri: "/nonce", method: .post)
            #expect(limited.status == .tooManyRequests)
        }
    }
}
