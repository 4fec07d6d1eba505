import CanonicalJSON
import Ed25519
import Foundation
import IssuerCore
import Testing
import VerifiableCredentials

@testable import PostgresStore

/// Wallet exchanges on PostgreSQL: the record round-trips, and three instances answering the same
/// presentation at once hand out one copy (the challenge is single-use across instances).
@Suite("Wallet exchanges on PostgreSQL")
struct WalletExchangeStoreTests {
    static let holderKey = try! Ed25519PrivateKey(seed: [UInt8](repeating: 21, count: 32))

    static func presentation(challenge: String, domain: String) throws -> JSONValue {
        let document: JSONObject = [
            "@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
            "holder": .string(DIDKey.did(for: holderKey.publicKey)),
        ]
        var proof: JSONObject = [
            "type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022",
            "verificationMethod": .string(DIDKey.verificationMethodID(for: holderKey.publicKey)), "proofPurpose": "authentication",
            "challenge": .string(challenge), "domain": .string(domain),
        ]
        let signature = try holderKey.signature(for: try EdDSARDFC2022().hashData(document: document, proofConfiguration: proof))
        proof["proofValue"] = .string(Multibase.encode(signature, base: .base58btc))
        var signed = document
        signed["proof"] = .object(proof)
        return .object(signed)
    }

    @Test func anExchangeRoundTripsAndExpiredOnesAreDeleted() async throws {
        let instances = try await MultiInstanceStoreTests.Instances(count: 1)
        let store = instances.stores[0]
        let start = MultiInstanceStoreTests.start
        var record = WalletExchangeRecord(
            idHash: WalletExchangeRecord.hash(ofID: "X"), credentialID: "C1", walletProtocol: .lcwRequest, actor: "api:test",
            createdAt: start, expiresAt: start.addingTimeInterval(600), state: .challenged, challenge: "CHALLENGE0123456789",
            challengeExpiresAt: start.addingTimeInterval(600))
        let opened = record
        try await store.write { try $0.saveWalletExchange(opened) }
        #expect(try await store.read { try $0.walletExchange(idHash: opened.idHash) } == opened)
        record.state = .completed
        record.holder = "did:key:z6MkTest"
        record.completedAt = start.addingTimeInterval(5)
        let completed = record
        try await store.write { try $0.saveWalletExchange(completed) }
        #expect(try await store.read { try $0.walletExchange(idHash: completed.idHash) } == completed)
        #expect(try await store.read { try $0.unexpiredWalletExchangeCount(credentialID: "C1", at: start) } == 1)
        #expect(try await store.read { try $0.unexpiredWalletExchangeCount(credentialID: "C1", at: start.addingTimeInterval(600)) } == 0)
        var changed = record
        changed.holder = nil
        let broken = changed
        await #expect(throws: (any Error).self, "a completed exchange without a holder breaks a CHECK") {
            try await store.write { try $0.saveWalletExchange(broken) }
        }
        #expect(try await store.write { try $0.deleteWalletExchanges(expiredBefore: start.addingTimeInterval(601)) } == 1)
        #expect(try await store.read { try $0.walletExchange(idHash: completed.idHash) } == nil)
        try await instances.drop()
    }

    @Test func threeInstancesAnsweringOnePresentationHandOutOneCopy() async throws {
        let instances = try await MultiInstanceStoreTests.Instances()
        guard case .issued(_, let credentialID) = try await instances.pipelines[0].intake(MultiInstanceStoreTests.event(1)) else {
            Issue.record("not issued")
            return
        }
        _ = try await instances.pipelines[0].finish(credentialID: credentialID)
        let environments = instances.pipelines.map(\.environment)
        let opened = try await WalletExchanges(environment: environments[0]).open(
            credentialID: credentialID, via: .vcapi, actor: "api:test")
        let challenge = try await WalletExchanges(environment: environments[1]).challenge(id: opened.id).challenge
        let presentation = try Self.presentation(challenge: challenge, domain: "https://certs.example.org")
        let outcomes = await withTaskGroup(of: Result<JSONValue, any Error>.self) { group in
            for environment in environments {
                group.addTask {
                    do {
                        return .success(
                            try await WalletExchanges(environment: environment).complete(
                                id: opened.id, presentation: presentation, domain: "https://certs.example.org"))
                    } catch { return .failure(error) }
                }
            }
            var outcomes: [Result<JSONValue, any Error>] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        let successes = outcomes.compactMap { try? $0.get() }
        #expect(successes.count == 1)
        let refusals = outcomes.compactMap { outcome -> IssuerError? in
            if case .failure(let error) = outcome { return error as? IssuerError }
            return nil
        }
        #expect(refusals.map(\.code) == [.challengeUsed, .challengeUsed])
        let copies = try await instances.stores[2].read { try $0.auditEntries(from: 1, limit: 1000) }.filter {
            $0.kind == "credential.walletCopy"
        }
        #expect(copies.count == 1)
        try await instances.drop()
    }
}
