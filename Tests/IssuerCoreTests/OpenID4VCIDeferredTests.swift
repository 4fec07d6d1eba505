import CanonicalJSON
import Ed25519
import Foundation
import IssuerCore
import Testing
import VerifiableCredentials

@Suite("OpenID4VCI deferred issuance: a completion in the review queue answers 202 with a transaction_id until approved")
struct OpenID4VCIDeferredTests {
    let wallet = try! OpenID4VCIWallet()

    func held(_ fixture: IssuerFixture) async throws -> String {
        guard case .held(let completionID, _) = try await fixture.pipeline().intake(IssuerFixture.event(score: 81)) else {
            throw IssuerError(.invalidState, "not held")
        }
        return completionID
    }

    /// Offer, email, token and a credential request for the held completion: the deferred answer.
    func deferred(_ fixture: IssuerFixture, completionID: String) async throws -> (token: String, transactionID: String) {
        let issuance = OpenID4VCIIssuance(environment: fixture.environment)
        let created = try await issuance.createOffer(for: .completion(id: completionID), actor: "api:test")
        let made = try #require(try await issuance.transactionCode(forOfferID: created.offer.id))
        let token = try await issuance.redeem(
            grantType: OpenID4VCIIssuance.preAuthorizedGrantType, code: created.code, transactionCode: made.code
        ).token
        let proof = try wallet.jwt(issuedAt: fixture.clock.now, nonce: try await issuance.nonce().value)
        let response = try await issuance.requestCredential(accessToken: token, body: OpenID4VCIWallet.request(jwt: proof))
        guard case .deferred(let transactionID, let interval) = response else {
            throw IssuerError(.invalidState, "not deferred: \(response)")
        }
        #expect(interval == 60)
        return (token, transactionID)
    }

    @Test("pending until a reviewer approves, then the bound credential, then the transaction id is spent")
    func approvedAfterDeferral() async throws {
        let fixture = try await IssuerFixture()
        let completionID = try await held(fixture)
        let (token, transactionID) = try await deferred(fixture, completionID: completionID)
        let issuance = OpenID4VCIIssuance(environment: fixture.environment)
        let body: JSONValue = ["transaction_id": .string(transactionID)]
        #expect(try await issuance.requestDeferred(accessToken: token, body: body) == .deferred(transactionID: transactionID, interval: 60))
        await expectOpenID4VCIRefusal(.invalidTransactionID) {
            _ = try await issuance.requestDeferred(accessToken: token, body: ["transaction_id": "other"])
        }
        await expectOpenID4VCIRefusal(.invalidCredentialRequest) { _ = try await issuance.requestDeferred(accessToken: token, body: [:]) }
        // Hours later, past the access token's 10 minutes: the deferred transaction still answers.
        fixture.clock.advance(by: 3 * 3600)
        let outcome = try await ReviewDecisions(environment: fixture.environment, reviewer: "staff:r@example.org").approve(
            completionID, note: nil)
        guard case .issued = outcome else { Issue.record("not issued: \(outcome)"); return }
        guard case .issued(let credential) = try await issuance.requestDeferred(accessToken: token, body: body) else {
            Issue.record("not issued after approval")
            return
        }
        #expect(credential["credentialSubject"]?["id"]?.stringValue == wallet.did)
        #expect(await (try fixture.verifierWithStatus()).verify(credential).verdict == .valid)
        await expectOpenID4VCIRefusal(.invalidTransactionID) { _ = try await issuance.requestDeferred(accessToken: token, body: body) }
    }

    @Test("rejected in review: credential_request_denied; an expired deferred transaction: invalid_token")
    func rejectedAndExpired() async throws {
        let fixture = try await IssuerFixture()
        let completionID = try await held(fixture)
        let (token, transactionID) = try await deferred(fixture, completionID: completionID)
        let issuance = OpenID4VCIIssuance(environment: fixture.environment)
        try await ReviewDecisions(environment: fixture.environment, reviewer: "staff:r@example.org").reject(
            completionID, note: "score copied")
        await expectOpenID4VCIRefusal(.credentialRequestDenied) {
            _ = try await issuance.requestDeferred(accessToken: token, body: ["transaction_id": .string(transactionID)])
        }

        let other = try await IssuerFixture()
        let otherCompletion = try await held(other)
        let second = try await deferred(other, completionID: otherCompletion)
        other.clock.advance(by: 31 * 24 * 3600)
        await expectOpenID4VCIRefusal(.invalidToken) {
            _ = try await OpenID4VCIIssuance(environment: other.environment).requestDeferred(
                accessToken: second.token, body: ["transaction_id": .string(second.transactionID)])
        }
    }

    @Test("only a held completion or an active signed credential can be offered")
    func offerableSubjects() async throws {
        let fixture = try await IssuerFixture()
        let issuance = OpenID4VCIIssuance(environment: fixture.environment)
        await #expect(throws: IssuerError.self) { _ = try await issuance.createOffer(for: .credential(id: "nope"), actor: "api:test") }
        await #expect(throws: IssuerError.self) { _ = try await issuance.createOffer(for: .completion(id: "nope"), actor: "api:test") }
        let completionID = try await held(fixture)
        try await ReviewDecisions(environment: fixture.environment, reviewer: "staff:r@example.org").reject(completionID, note: "no")
        await #expect(throws: IssuerError.self) {
            _ = try await issuance.createOffer(for: .completion(id: completionID), actor: "api:test")
        }
    }
}
