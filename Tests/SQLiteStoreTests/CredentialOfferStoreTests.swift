import Foundation
import IssuerCore
import Testing

@Suite("OpenID4VCI offers and nonces in every store: found by each secret's hash, each hash unique, stale rows deleted")
struct CredentialOfferStoreTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    static func offer(_ id: String, code: String, subject: CredentialOfferSubject = .credential(id: "cred-1")) -> CredentialOfferRecord {
        CredentialOfferRecord(
            id: id, codeHash: String(repeating: code, count: 64), learnerID: "lrn-1", subject: subject, createdAt: start,
            expiresAt: start.addingTimeInterval(900), createdBy: "api:test")
    }

    @Test("an offer reads back the same by id and by every hash, through each state", arguments: StoreKind.allCases)
    func roundTrip(kind: StoreKind) async throws {
        let scratch = try TemporaryDirectory()
        let store = try kind.makeStore(in: scratch)
        var offer = Self.offer("oid4vci-1", code: "a", subject: .completion(id: "cmp-1"))
        let first = offer
        try await store.write { try $0.saveCredentialOffer(first) }
        #expect(try await store.read { try $0.credentialOffer(id: "oid4vci-1") } == first)
        offer.state = .deferred
        offer.transactionCodeHash = String(repeating: "b", count: 64)
        offer.failedTransactionCodes = 2
        offer.accessTokenHash = String(repeating: "c", count: 64)
        offer.accessTokenExpiresAt = Self.start.addingTimeInterval(600)
        offer.transactionIDHash = String(repeating: "d", count: 64)
        offer.transactionExpiresAt = Self.start.addingTimeInterval(86400)
        offer.holderDID = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
        let saved = offer
        try await store.write { try $0.saveCredentialOffer(saved) }
        #expect(try await store.read { try $0.credentialOffer(codeHash: String(repeating: "a", count: 64)) } == saved)
        #expect(try await store.read { try $0.credentialOffer(accessTokenHash: String(repeating: "c", count: 64)) } == saved)
        #expect(try await store.read { try $0.credentialOffer(transactionIDHash: String(repeating: "d", count: 64)) } == saved)
        #expect(try await store.read { try $0.credentialOffer(accessTokenHash: String(repeating: "e", count: 64)) } == nil)
    }

    @Test("a second offer with the same code hash is refused as a duplicate", arguments: StoreKind.allCases)
    func codeHashIsUnique(kind: StoreKind) async throws {
        let scratch = try TemporaryDirectory()
        let store = try kind.makeStore(in: scratch)
        try await store.write { try $0.saveCredentialOffer(Self.offer("oid4vci-1", code: "a")) }
        await #expect(throws: IssuerError.self) {
            try await store.write { try $0.saveCredentialOffer(Self.offer("oid4vci-2", code: "a")) }
        }
        #expect(try await store.read { try $0.credentialOffer(id: "oid4vci-2") } == nil)
    }

    @Test("nonces read back, and stale nonces and offers go while live ones stay", arguments: StoreKind.allCases)
    func staleRowsAreDeleted(kind: StoreKind) async throws {
        let scratch = try TemporaryDirectory()
        let store = try kind.makeStore(in: scratch)
        let old = WalletNonceRecord(value: "nonce-old-0123456789", createdAt: Self.start, expiresAt: Self.start.addingTimeInterval(300))
        var used = WalletNonceRecord(
            value: "nonce-new-0123456789", createdAt: Self.start.addingTimeInterval(1000), expiresAt: Self.start.addingTimeInterval(1300))
        used.usedAt = Self.start.addingTimeInterval(1100)
        let usedNonce = used
        var deferred = Self.offer("oid4vci-2", code: "b")
        deferred.transactionExpiresAt = Self.start.addingTimeInterval(86400)
        let kept = deferred
        try await store.write { transaction in
            try transaction.saveWalletNonce(old)
            try transaction.saveWalletNonce(usedNonce)
            try transaction.saveCredentialOffer(Self.offer("oid4vci-1", code: "a"))
            try transaction.saveCredentialOffer(kept)
        }
        #expect(try await store.read { try $0.walletNonce("nonce-new-0123456789") } == usedNonce)
        try await store.write { try $0.deleteStaleCredentialOffers(before: Self.start.addingTimeInterval(1000)) }
        #expect(try await store.read { try $0.walletNonce("nonce-old-0123456789") } == nil)
        #expect(try await store.read { try $0.walletNonce("nonce-new-0123456789") } == usedNonce)
        #expect(try await store.read { try $0.credentialOffer(id: "oid4vci-1") } == nil)
        #expect(try await store.read { try $0.credentialOffer(id: "oid4vci-2") } == kept)
    }
}
