import Foundation
import IssuerCore
import SQLiteStore
import Testing

/// Issue 14 item 14 in the database: a key's compromise time round-trips, may only move earlier,
/// is never cleared, and only a retired key can carry one.
@Suite("SQLite: compromised signing keys")
struct CompromisedKeyStoreTests {
    let scratch: TemporaryDirectory
    let store: SQLiteIssuerStore

    init() throws {
        scratch = try TemporaryDirectory()
        store = try SQLiteIssuerStore(path: scratch.file("attest.sqlite"))
    }

    func save(_ key: SigningKeyRecord) async throws {
        try await store.write { try $0.saveSigningKey(key) }
    }

    @Test func theCompromiseTimeOnlyMovesEarlier() async throws {
        let since = Date(timeIntervalSince1970: 1_790_000_000)
        var key = Samples.signingKey(1)
        try await save(key)
        key.compromisedSince = since
        await #expect { try await save(key) } throws: { ($0 as? IssuerError)?.code == .storeUnavailable }  // not retired yet
        key.retiredAt = since.addingTimeInterval(60)
        try await save(key)
        #expect(try await store.read { try $0.signingKeys() }.first?.compromisedSince == since)

        var cleared = key
        cleared.compromisedSince = nil
        await #expect { try await save(cleared) } throws: { ($0 as? IssuerError)?.code == .storeUnavailable }
        var later = key
        later.compromisedSince = since.addingTimeInterval(1)
        await #expect { try await save(later) } throws: { ($0 as? IssuerError)?.code == .storeUnavailable }
        var earlier = key
        earlier.compromisedSince = since.addingTimeInterval(-3600)
        try await save(earlier)
        #expect(try await store.read { try $0.signingKeys() }.first?.compromisedSince == earlier.compromisedSince)
        // Saving it again unchanged (as a rotation does) is fine.
        try await save(earlier)
    }
}
