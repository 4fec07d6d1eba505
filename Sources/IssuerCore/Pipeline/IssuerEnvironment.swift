import CanonicalJSON
import Ed25519
import Foundation

/// Everything the issuer takes from the outside world, wired once in production and replaced in
/// tests: the store, the clock, randomness, the private keys and the certificate renderer.
public struct IssuerEnvironment: Sendable {
    public var store: any IssuerStore
    public var now: @Sendable () -> Date
    public var random: any RandomSource
    public var keys: any SigningKeyProvider
    /// Renders the PDF and PNG of a signed credential; `nil` stores credentials without documents.
    public var documents: (any CertificateDocumentMaker)?

    /// An environment.
    public init(
        store: any IssuerStore, now: @escaping @Sendable () -> Date = { Date() }, random: any RandomSource = SystemRandomSource(),
        keys: any SigningKeyProvider, documents: (any CertificateDocumentMaker)? = nil
    ) {
        self.store = store
        self.now = now
        self.random = random
        self.keys = keys
        self.documents = documents
    }
}

/// Loads the private key of a key record (from the key store on disk in production).
public protocol SigningKeyProvider: Sendable {
    func privateKey(for record: SigningKeyRecord) throws -> Ed25519PrivateKey
}

/// Keys held in memory, for tests and tools.
public struct InMemoryKeyProvider: SigningKeyProvider {
    public let keys: [String: Ed25519PrivateKey]

    /// A provider of these keys by record id.
    public init(keys: [String: Ed25519PrivateKey]) {
        self.keys = keys
    }

    public func privateKey(for record: SigningKeyRecord) throws -> Ed25519PrivateKey {
        guard let key = keys[record.id] else { throw IssuerError(.keyUnavailable, "the private key \(record.id) is not available") }
        return key
    }
}
