import Ed25519

/// The `did:key` method for Ed25519 keys: the DID is the key, so resolution needs no network.
public enum DIDKey {
    /// `did:key:z6Mk…` for a key.
    public static func did(for key: Ed25519PublicKey) -> String {
        "did:key:" + Multikey.encode(key)
    }

    /// The verification method URL `did:key:z6Mk…#z6Mk…` for a key.
    public static func verificationMethodID(for key: Ed25519PublicKey) -> String {
        let multikey = Multikey.encode(key)
        return "did:key:\(multikey)#\(multikey)"
    }

    /// Expands a `did:key` DID (a fragment, if present, is ignored) into its DID document.
    /// Errors use the did:key specification's names: `invalidDid`, `invalidPublicKeyLength`,
    /// `unsupportedPublicKeyType`, `invalidPublicKey`.
    public static func resolve(_ didURL: String) throws(CredentialError) -> DIDDocument {
        let did = String(didURL.prefix { $0 != "#" })
        let parts = did.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "did", parts[1] == "key" else {
            throw CredentialError(.invalidDid, "\(did) is not a did:key DID (did:key:z…)")
        }
        let multibase = String(parts[2])
        guard multibase.hasPrefix("z") else {
            throw CredentialError(.invalidDid, "the did:key method-specific id must be base58btc multibase (start with 'z')")
        }
        let key: Ed25519PublicKey
        do {
            key = try Multikey.decodePublicKey(multibase)
        } catch  where error.code == .invalidEncoding {
            throw CredentialError(.invalidDid, "the did:key method-specific id is not valid base58btc")
        }
        let method = VerificationMethod(id: "\(did)#\(multibase)", controller: did, publicKey: key)
        return DIDDocument(id: did, verificationMethods: [method], assertionMethod: [method.id], authentication: [method.id])
    }
}
