import CanonicalJSON
import Ed25519
import Foundation
import IssuerCore
import Testing
import VerifiableCredentials

@Suite("OpenID4VCI pre-authorized code flow: offer, token with tx_code, nonce, credential bound to the proven did:key")
struct OpenID4VCIIssuanceTests {
    let wallet = try! OpenID4VCIWallet()

    func issued(_ fixture: IssuerFixture) async throws -> String {
        guard case .issued(_, let credentialID) = try await fixture.pipeline().intake(IssuerFixture.event()) else {
            throw IssuerError(.invalidState, "not issued")
        }
        _ = try await fixture.pipeline().finish(credentialID: credentialID)
        return credentialID
    }

    /// An offer whose email was composed: the code and the transaction code the learner holds.
    func offered(_ fixture: IssuerFixture, _ subject: CredentialOfferSubject) async throws -> (code: String, transactionCode: String) {
        let issuance = OpenID4VCIIssuance(environment: fixture.environment)
        let created = try await issuance.createOffer(for: subject, actor: "api:test")
        let made = try #require(try await issuance.transactionCode(forOfferID: created.offer.id))
        return (created.code, made.code)
    }

    func token(_ fixture: IssuerFixture, _ offer: (code: String, transactionCode: String)) async throws -> String {
        try await OpenID4VCIIssuance(environment: fixture.environment).redeem(
            grantType: OpenID4VCIIssuance.preAuthorizedGrantType, code: offer.code, transactionCode: offer.transactionCode
        ).token
    }

    @Test("the whole flow: the wallet gets the credential bound to its DID, with the original's status, and the offer is spent")
    func wholeFlow() async throws {
        let fixture = try await IssuerFixture()
        let credentialID = try await issued(fixture)
        let issuance = OpenID4VCIIssuance(environment: fixture.environment)
        let created = try await issuance.createOffer(for: .credential(id: credentialID), actor: "api:test")
        let outbox = try await fixture.store.read { try $0.outboxMessages(state: .pending) }.filter { $0.event == .walletTransactionCode }
        #expect(outbox.map(\.subjectID) == [created.offer.id])
        #expect(outbox.first?.recipient == "zoe@example.org")
        #expect(try await issuance.liveOffer(code: created.code)?.id == created.offer.id)
        let made = try #require(try await issuance.transactionCode(forOfferID: created.offer.id))
        #expect(made.code.count == 6 && made.code.allSatisfy(\.isNumber))
        let grant = try await issuance.redeem(
            grantType: OpenID4VCIIssuance.preAuthorizedGrantType, code: created.code, transactionCode: made.code)
        #expect(grant.expiresIn == 600)
        #expect(try await issuance.liveOffer(code: created.code) == nil, "a redeemed offer is no longer served")
        let nonce = try await issuance.nonce()
        let proof = try wallet.jwt(issuedAt: fixture.clock.now, nonce: nonce.value)
        let response = try await issuance.requestCredential(accessToken: grant.token, body: OpenID4VCIWallet.request(jwt: proof))
        guard case .issued(let credential) = response else { Issue.record("not issued: \(response)"); return }
        #expect(credential["credentialSubject"]?["id"]?.stringValue == wallet.did)
        let original = try await fixture.store.read { try $0.credential(id: credentialID) }
        let originalJSON = try JSONValue.parse(bytes: Array(try #require(original?.credentialJSON)))
        #expect(credential["credentialStatus"] == originalJSON["credentialStatus"])
        #expect(await (try fixture.verifierWithStatus()).verify(credential).verdict == .valid)
        let audit = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 1000) }
        #expect(audit.contains { $0.kind == "wallet.offer" && $0.subject == credentialID })
        #expect(audit.contains { $0.kind == "credential.walletCopy" && $0.data.contains("openid4vci") })
        // The token got its one credential; the same request again is refused.
        let again = try wallet.jwt(issuedAt: fixture.clock.now, nonce: try await issuance.nonce().value)
        await expectOpenID4VCIRefusal(.invalidToken) {
            _ = try await issuance.requestCredential(accessToken: grant.token, body: OpenID4VCIWallet.request(jwt: again))
        }
    }

    @Test("a di_vp key proof (eddsa-rdfc-2022, authentication, domain and challenge) binds the credential too")
    func presentationProof() async throws {
        let fixture = try await IssuerFixture()
        let offer = try await offered(fixture, .credential(id: try await issued(fixture)))
        let token = try await token(fixture, offer)
        let issuance = OpenID4VCIIssuance(environment: fixture.environment)
        let nonce = try await issuance.nonce().value
        let body: JSONValue = [
            "credential_configuration_id": .string(OpenID4VCIIssuance.configurationID),
            "proofs": ["di_vp": [try wallet.presentation(challenge: nonce)]],
        ]
        guard case .issued(let credential) = try await issuance.requestCredential(accessToken: token, body: body) else {
            Issue.record("not issued")
            return
        }
        #expect(credential["credentialSubject"]?["id"]?.stringValue == wallet.did)
        let replay = try wallet.presentation(challenge: nonce, domain: "https://elsewhere.example")
        await expectOpenID4VCIRefusal(.invalidProof) {
            _ = try KeyProofVerifier(audience: "https://certs.example.org").verifyPresentation(replay)
        }
    }

    @Test("token endpoint refusals: grant type, missing code or tx_code, unknown, expired and used codes, code before its email")
    func tokenRefusals() async throws {
        let fixture = try await IssuerFixture()
        let issuance = OpenID4VCIIssuance(environment: fixture.environment)
        let credentialID = try await issued(fixture)
        let grant = OpenID4VCIIssuance.preAuthorizedGrantType
        await expectOpenID4VCIRefusal(.unsupportedGrantType) {
            _ = try await issuance.redeem(grantType: "authorization_code", code: "x", transactionCode: "1")
        }
        await expectOpenID4VCIRefusal(.invalidRequest) { _ = try await issuance.redeem(grantType: nil, code: "x", transactionCode: "1") }
        await expectOpenID4VCIRefusal(.invalidRequest) { _ = try await issuance.redeem(grantType: grant, code: nil, transactionCode: "1") }
        await expectOpenID4VCIRefusal(.invalidRequest) { _ = try await issuance.redeem(grantType: grant, code: "x", transactionCode: nil) }
        await expectOpenID4VCIRefusal(.invalidGrant) {
            _ = try await issuance.redeem(grantType: grant, code: "not-a-code", transactionCode: "123456")
        }
        // Before the email is composed there is no transaction code to match.
        let early = try await issuance.createOffer(for: .credential(id: credentialID), actor: "api:test")
        await expectOpenID4VCIRefusal(.invalidGrant) {
            _ = try await issuance.redeem(grantType: grant, code: early.code, transactionCode: "000000")
        }
        // Used once, never again.
        let offer = try await offered(fixture, .credential(id: credentialID))
        _ = try await token(fixture, offer)
        await expectOpenID4VCIRefusal(.invalidGrant) { _ = try await token(fixture, offer) }
        // Expired after 15 minutes.
        let late = try await offered(fixture, .credential(id: credentialID))
        fixture.clock.advance(by: 15 * 60)
        await expectOpenID4VCIRefusal(.invalidGrant) { _ = try await token(fixture, late) }
    }

    @Test("wrong transaction codes count; the fifth closes the offer so even the right code is refused")
    func transactionCodeAttempts() async throws {
        let fixture = try await IssuerFixture()
        let credentialID = try await issued(fixture)
        let offer = try await offered(fixture, .credential(id: credentialID))
        func wrong(_ right: String) -> String { right == "000000" ? "111111" : "000000" }
        for _ in 1...4 {
            await expectOpenID4VCIRefusal(.invalidGrant) { _ = try await token(fixture, (offer.code, wrong(offer.transactionCode))) }
        }
        let hash = OpenID4VCIIssuance.hash(offer.code)
        #expect(try await fixture.store.read { try $0.credentialOffer(codeHash: hash) }?.failedTransactionCodes == 4)
        #expect(try await token(fixture, offer).isEmpty == false, "four wrong codes leave the right one working")

        let closed = try await offered(fixture, .credential(id: credentialID))
        for _ in 1...5 {
            await expectOpenID4VCIRefusal(.invalidGrant) { _ = try await token(fixture, (closed.code, wrong(closed.transactionCode))) }
        }
        let closedHash = OpenID4VCIIssuance.hash(closed.code)
        #expect(try await fixture.store.read { try $0.credentialOffer(codeHash: closedHash) }?.state == .closed)
        await expectOpenID4VCIRefusal(.invalidGrant) { _ = try await token(fixture, closed) }
    }

    @Test("credential endpoint refusals: token, request shape, and every spoiled key proof; nothing is spent by a refusal")
    func credentialRefusals() async throws {
        let fixture = try await IssuerFixture()
        let issuance = OpenID4VCIIssuance(environment: fixture.environment)
        let offer = try await offered(fixture, .credential(id: try await issued(fixture)))
        let token = try await token(fixture, offer)
        let now = fixture.clock.now
        func request(_ body: JSONValue, token: String? = token) async throws {
            _ = try await issuance.requestCredential(accessToken: token, body: body)
        }
        func fresh() async throws -> String { try await issuance.nonce().value }

        await expectOpenID4VCIRefusal(.invalidToken) { try await request(OpenID4VCIWallet.request(jwt: "x"), token: nil) }
        await expectOpenID4VCIRefusal(.invalidToken) { try await request(OpenID4VCIWallet.request(jwt: "x"), token: "not-a-token") }
        await expectOpenID4VCIRefusal(.invalidCredentialRequest) { try await request(["proofs": ["jwt": ["x"]]]) }
        await expectOpenID4VCIRefusal(.unknownCredentialConfiguration) {
            try await request(["credential_configuration_id": "UniversityDegree", "proofs": ["jwt": ["x"]]])
        }
        await expectOpenID4VCIRefusal(.invalidCredentialRequest) {
            try await request(["credential_identifier": "a", "credential_configuration_id": .string(OpenID4VCIIssuance.configurationID)])
        }
        await expectOpenID4VCIRefusal(.invalidEncryptionParameters) {
            try await request([
                "credential_configuration_id": .string(OpenID4VCIIssuance.configurationID), "credential_response_encryption": [:],
            ])
        }
        await expectOpenID4VCIRefusal(.invalidProof) {
            try await request(["credential_configuration_id": .string(OpenID4VCIIssuance.configurationID)])
        }
        let nonce = try await fresh()
        let spoiled: [(String, String)] = [
            ("typ", try wallet.jwt(issuedAt: now, nonce: nonce, type: "JWT")),
            ("alg", try wallet.jwt(issuedAt: now, nonce: nonce, algorithm: "ES256")),
            ("aud", try wallet.jwt(audience: "https://elsewhere.example", issuedAt: now, nonce: nonce)),
            ("old iat", try wallet.jwt(issuedAt: now.addingTimeInterval(-301), nonce: nonce)),
            ("future iat", try wallet.jwt(issuedAt: now.addingTimeInterval(120), nonce: nonce)),
            ("no nonce", try wallet.jwt(issuedAt: now, nonce: nil)),
            (
                "signature",
                try wallet.jwt(issuedAt: now, nonce: nonce, signingKey: try Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32)))
            ),
            ("kid", try wallet.jwt(issuedAt: now, nonce: nonce, kid: "https://example.org/key#1")),
            ("jwk", try wallet.jwt(issuedAt: now, nonce: nonce, extraHeader: ["jwk": ["kty": "OKP"]])),
        ]
        for (what, jwt) in spoiled {
            await expectOpenID4VCIRefusal(.invalidProof) { try await request(OpenID4VCIWallet.request(jwt: jwt)) }
            _ = what
        }
        await expectOpenID4VCIRefusal(.invalidNonce) {
            try await request(OpenID4VCIWallet.request(jwt: try wallet.jwt(issuedAt: now, nonce: "made-up-nonce-value")))
        }
        let stale = try await fresh()
        fixture.clock.advance(by: 5 * 60)
        await expectOpenID4VCIRefusal(.invalidNonce) {
            try await request(OpenID4VCIWallet.request(jwt: try wallet.jwt(issuedAt: fixture.clock.now, nonce: stale)))
        }
        // None of that spent the token: a good proof still gets the credential, and its nonce is then spent.
        let good = try await fresh()
        let response = try await issuance.requestCredential(
            accessToken: token, body: OpenID4VCIWallet.request(jwt: try wallet.jwt(issuedAt: fixture.clock.now, nonce: good)))
        guard case .issued = response else { Issue.record("not issued"); return }
        let credentialID = try await fixture.store.read { try $0.credentials(filter: CredentialFilter()) }[0].id
        let other = try await offered(fixture, .credential(id: credentialID))
        let otherToken = try await self.token(fixture, other)
        await expectOpenID4VCIRefusal(.invalidNonce) {
            try await request(OpenID4VCIWallet.request(jwt: try wallet.jwt(issuedAt: fixture.clock.now, nonce: good)), token: otherToken)
        }
        // An expired access token.
        fixture.clock.advance(by: 10 * 60)
        await expectOpenID4VCIRefusal(.invalidToken) {
            try await request(
                OpenID4VCIWallet.request(jwt: try wallet.jwt(issuedAt: fixture.clock.now, nonce: try await fresh())), token: otherToken)
        }
    }

    @Test("a revoked credential is refused with credential_request_denied")
    func revokedIsDenied() async throws {
        let fixture = try await IssuerFixture()
        let credentialID = try await issued(fixture)
        let offer = try await offered(fixture, .credential(id: credentialID))
        let token = try await token(fixture, offer)
        try await CredentialChanges(environment: fixture.environment, actor: "admin").revoke(credentialID, reason: "issued in error")
        let issuance = OpenID4VCIIssuance(environment: fixture.environment)
        let proof = try wallet.jwt(issuedAt: fixture.clock.now, nonce: try await issuance.nonce().value)
        await expectOpenID4VCIRefusal(.credentialRequestDenied) {
            _ = try await issuance.requestCredential(accessToken: token, body: OpenID4VCIWallet.request(jwt: proof))
        }
    }
}
