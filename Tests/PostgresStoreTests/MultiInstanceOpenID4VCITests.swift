import CanonicalJSON
import Ed25519
import Foundation
import IssuerCore
import Testing
import VerifiableCredentials

@testable import PostgresStore

/// OpenID4VCI on several `attest serve` instances sharing one PostgreSQL database: a
/// pre-authorized code redeemed at three instances at once gives one access token, and one
/// `c_nonce` in proofs sent to three instances at once gives one credential.
@Suite("OpenID4VCI with three instances on one PostgreSQL database")
struct MultiInstanceOpenID4VCITests {
    static let holderKey = try! Ed25519PrivateKey(seed: [UInt8](repeating: 9, count: 32))

    /// Each instance's OpenID4VCI issuance, with the issuer's key for its audit entries.
    static func issuances(_ instances: MultiInstanceStoreTests.Instances) -> [OpenID4VCIIssuance] {
        instances.stores.enumerated().map { number, store in
            OpenID4VCIIssuance(
                environment: IssuerEnvironment(
                    store: store, now: { MultiInstanceStoreTests.start }, random: SeededRandomSource(seed: UInt64(number + 11)),
                    keys: InMemoryKeyProvider(keys: ["key-1": instances.key])))
        }
    }

    /// An `openid4vci-proof+jwt` for `nonce`, made the way the specification describes.
    static func proof(nonce: String) throws -> String {
        let header: JSONValue = [
            "typ": "openid4vci-proof+jwt", "alg": "EdDSA", "kid": .string(DIDKey.verificationMethodID(for: holderKey.publicKey)),
        ]
        let payload: JSONValue = [
            "aud": "https://certs.example.org", "iat": .number(MultiInstanceStoreTests.start.timeIntervalSince1970),
            "nonce": .string(nonce),
        ]
        let input = Base64URL.encode(Array(header.serialized().utf8)) + "." + Base64URL.encode(Array(payload.serialized().utf8))
        return input + "." + Base64URL.encode(try holderKey.signature(for: Array(input.utf8)))
    }

    /// A signed credential, offered, its email composed: the code and the transaction code.
    static func offer(_ issuances: [OpenID4VCIIssuance], credentialID: String) async throws -> (code: String, transactionCode: String) {
        let created = try await issuances[0].createOffer(for: .credential(id: credentialID), actor: "api:test")
        let made = try #require(try await issuances[1].transactionCode(forOfferID: created.offer.id))
        return (created.code, made.code)
    }

    static func issued(_ instances: MultiInstanceStoreTests.Instances, number: Int) async throws -> String {
        guard case .issued(_, let credentialID) = try await instances.pipelines[0].intake(MultiInstanceStoreTests.event(number)) else {
            throw IssuerError(.invalidState, "not issued")
        }
        _ = try await instances.pipelines[0].finish(credentialID: credentialID)
        return credentialID
    }

    @Test("one pre-authorized code redeemed at three instances at once: one access token, the rest invalid_grant")
    func codeRedeemedOnce() async throws {
        let instances = try await MultiInstanceStoreTests.Instances()
        let issuances = Self.issuances(instances)
        let offer = try await Self.offer(issuances, credentialID: try await Self.issued(instances, number: 1))
        let results = await withTaskGroup(of: String.self) { group in
            for issuance in issuances + issuances {
                group.addTask {
                    do {
                        _ = try await issuance.redeem(
                            grantType: OpenID4VCIIssuance.preAuthorizedGrantType, code: offer.code, transactionCode: offer.transactionCode)
                        return "token"
                    } catch let error as OpenID4VCIError {
                        return error.code.rawValue
                    } catch {
                        return "\(error)"
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { $0 == "token" }.count == 1, "\(results)")
        #expect(results.filter { $0 == "invalid_grant" }.count == 5, "\(results)")
        try await instances.drop()
    }

    @Test("one c_nonce in proofs sent to three instances at once: one credential, the rest invalid_nonce")
    func nonceUsedOnce() async throws {
        let instances = try await MultiInstanceStoreTests.Instances()
        let issuances = Self.issuances(instances)
        var tokens: [String] = []
        for number in 1...3 {
            let offer = try await Self.offer(issuances, credentialID: try await Self.issued(instances, number: number))
            tokens.append(
                try await issuances[number - 1].redeem(
                    grantType: OpenID4VCIIssuance.preAuthorizedGrantType, code: offer.code, transactionCode: offer.transactionCode
                ).token)
        }
        let nonce = try await issuances[2].nonce().value
        let body: JSONValue = [
            "credential_configuration_id": .string(OpenID4VCIIssuance.configurationID),
            "proofs": ["jwt": [.string(try Self.proof(nonce: nonce))]],
        ]
        let requests = Array(zip(issuances, tokens))
        let results = await withTaskGroup(of: String.self) { group in
            for (issuance, token) in requests {
                group.addTask {
                    do {
                        guard case .issued = try await issuance.requestCredential(accessToken: token, body: body) else { return "deferred" }
                        return "credential"
                    } catch let error as OpenID4VCIError {
                        return error.code.rawValue
                    } catch {
                        return "\(error)"
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { $0 == "credential" }.count == 1, "\(results)")
        #expect(results.filter { $0 == "invalid_nonce" }.count == 2, "\(results)")
        try await instances.drop()
    }
}
