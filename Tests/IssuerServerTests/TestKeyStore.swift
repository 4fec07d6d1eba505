import Ed25519
import Foundation
import IssuerCore
import IssuerServer
import Synchronization
import VerifiableCredentials

/// A key store in memory that can also make keys, for key rotation over the API.
final class TestKeyStore: SigningKeyProvider, SigningKeyMaker {
    private let keys: Mutex<[String: Ed25519PrivateKey]>
    private let failNext = Mutex(false)

    init(keys: [String: Ed25519PrivateKey]) { self.keys = Mutex(keys) }

    func privateKey(for record: SigningKeyRecord) throws -> Ed25519PrivateKey {
        guard let key = keys.withLock({ $0[record.id] }) else { throw IssuerError(.keyUnavailable, "no key \(record.id)") }
        return key
    }

    func makeKey(keyID: String, issuer: IssuerProfile, now: Date) throws -> SigningKeyRecord {
        let key = try Ed25519PrivateKey()
        keys.withLock { $0[keyID] = key }
        return SigningKeyRecord(
            id: keyID, publicKeyMultibase: Multikey.encode(key.publicKey), fileName: PEMKeyStore.fileName(did: issuer.did, keyID: keyID),
            createdAt: now)
    }

    func discardKey(_ record: SigningKeyRecord) { _ = keys.withLock { $0.removeValue(forKey: record.id) } }

    var keyIDs: Set<String> { keys.withLock { Set($0.keys) } }
}

extension ServerFixture {
    /// The fixture's server again, with a key store the API may rotate keys in.
    func serverWithKeyStore() throws -> (IssuerServer, TestKeyStore) {
        let keys = TestKeyStore(keys: ["key-1": key])
        var environment = self.environment
        environment.keys = keys
        return (try IssuerServer(environment: environment, issuer: issuer, keyMaker: keys), keys)
    }
}
