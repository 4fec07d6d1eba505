import Ed25519
import VerifiableCredentials

/// Test-only keys from fixed seeds.
enum Ed25519PrivateKeyForTests {
    /// The Multikey of the public key of a key made from `seed` repeated.
    static func make(seed: UInt8) throws -> String {
        Multikey.encode(try Ed25519PrivateKey(seed: [UInt8](repeating: seed, count: 32)).publicKey)
    }
}
