import Foundation
import IssuerCore
import Testing

@testable import SQLiteStore

/// Issue 18 point 5 in every store: an API key's allow-list, the address of its last use and the
/// token before its last rotation are kept and read back the same way.
@Suite("Store: API key allow-lists, last address, rotation")
struct APIKeyRestrictionStoreTests {
    let scratch: TemporaryDirectory

    init() throws {
        scratch = try TemporaryDirectory()
    }

    static let created = Date(timeIntervalSince1970: 1_795_424_400)

    static func key(_ id: String, token: Character, blocks: [String] = []) throws -> APIKeyRecord {
        APIKeyRecord(
            id: id, name: "key-\(id)", role: .viewer, tokenHash: String(repeating: token, count: 64), createdAt: created,
            allowedNetworks: try APIKeyRecord.allowList(blocks))
    }

    @Test(arguments: StoreKind.allCases)
    func allowListsAndRotationsRoundTrip(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        let key = try Self.key("ak-1", token: "a", blocks: ["10.0.0.0/8", "2001:db8::/32", "192.0.2.7"])
        let plain = try Self.key("ak-2", token: "b")
        try await store.write { transaction in
            try transaction.saveAPIKey(key)
            try transaction.saveAPIKey(plain)
        }
        #expect(try await store.read { try $0.apiKey(id: "ak-1") } == key)
        #expect(try await store.read { try $0.apiKey(id: "ak-2") }?.allowedNetworks == [])
        let rotated = key.rotated(to: String(repeating: "c", count: 64), at: Self.created.addingTimeInterval(60), overlap: 3_600)
        try await store.write { try $0.saveAPIKey(rotated) }
        try await store.read { (reading) throws in
            #expect(try reading.apiKey(id: "ak-1") == rotated)
            #expect(try reading.apiKey(tokenHash: String(repeating: "c", count: 64))?.id == "ak-1")
            #expect(try reading.apiKey(tokenHash: String(repeating: "a", count: 64)) == nil)
            #expect(try reading.apiKey(previousTokenHash: String(repeating: "a", count: 64))?.id == "ak-1")
            #expect(try reading.apiKey(previousTokenHash: String(repeating: "c", count: 64)) == nil)
            #expect(try reading.apiKey(previousTokenHash: String(repeating: "b", count: 64)) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func lastUseKeepsItsAddressAndNeverUndoesARotation(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        let key = try Self.key("ak-1", token: "a", blocks: ["127.0.0.1"])
        try await store.write { try $0.saveAPIKey(key) }
        // A request read the key before the rotation committed; its late bookkeeping must not undo it.
        let rotated = key.rotated(to: String(repeating: "d", count: 64), at: Self.created.addingTimeInterval(5), overlap: 60)
        try await store.write { try $0.saveAPIKey(rotated) }
        try await store.write { try $0.markAPIKeyUsed(id: "ak-1", at: Self.created.addingTimeInterval(10), from: "2001:db8:0:0:0:0:0:1") }
        try await store.write { try $0.markAPIKeyUsed(id: "ak-unknown", at: Self.created, from: "127.0.0.1") }
        let stored = try #require(try await store.read { try $0.apiKey(id: "ak-1") })
        #expect(stored.lastUsedAt == Self.created.addingTimeInterval(10))
        #expect(stored.lastUsedAddress == "2001:db8:0:0:0:0:0:1")
        #expect(stored.tokenHash == String(repeating: "d", count: 64))
        #expect(stored.previousTokenHash == String(repeating: "a", count: 64))
        #expect(stored.allowedNetworks.map(\.description) == ["127.0.0.1/32"])
        // The older form of marking keeps the address it had.
        try await store.write { try $0.markAPIKeyUsed(id: "ak-1", at: Self.created.addingTimeInterval(90)) }
        #expect(try await store.read { try $0.apiKey(id: "ak-1") }?.lastUsedAddress == "2001:db8:0:0:0:0:0:1")
    }

    @Test(arguments: StoreKind.allCases)
    func twoKeysCannotShareAPreviousToken(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        let first = try Self.key("ak-1", token: "a").rotated(to: String(repeating: "b", count: 64), at: Self.created, overlap: 60)
        var second = try Self.key("ak-2", token: "c")
        second.previousTokenHash = String(repeating: "a", count: 64)
        second.previousTokenValidUntil = Self.created.addingTimeInterval(60)
        let clashing = second
        try await store.write { try $0.saveAPIKey(first) }
        await #expect(throws: IssuerError.self) { try await store.write { try $0.saveAPIKey(clashing) } }
        #expect(try await store.read { try $0.apiKey(id: "ak-2") } == nil)
    }
}
