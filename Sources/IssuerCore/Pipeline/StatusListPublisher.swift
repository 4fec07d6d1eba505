import CanonicalJSON
import Ed25519
import Foundation
import VerifiableCredentials

/// Signs the issuer's status lists as `BitstringStatusListCredential`s.
///
/// A list credential is valid for ``validity`` and tells verifiers to cache it for ``ttl``: a
/// revocation reaches every verifier within the ttl, and a list nobody re-signs expires, which
/// verifiers treat as "status unknown", never as "not revoked".
public struct StatusListPublisher: Sendable {
    /// How long a signed list stays valid: re-signed well before that by `attest serve`.
    public static let validity: TimeInterval = 7 * 24 * 3600
    /// How long verifiers and caches may keep a list (the `ttl`, and `Cache-Control: max-age`).
    public static let ttl: TimeInterval = 300

    let issuer: IssuerProfile
    let signingKeyID: String
    let signingKey: Ed25519PrivateKey
    let now: Date

    /// The signed list credential for a list's current bits.
    func signedCredential(for list: StatusListRecord) throws -> Data {
        let bits = BitstringStatusList(uncompressedBits: Array(list.bits))
        let unsigned = StatusListCredential.unsigned(
            id: CredentialBuilder(issuer: issuer).statusListURL(listID: list.id), issuer: issuer.did,
            purpose: list.purpose.bitstringPurpose, list: bits, validFrom: now, validUntil: now.addingTimeInterval(Self.validity),
            ttlMilliseconds: Int(Self.ttl * 1000))
        let signed = try DataIntegrity().addProof(
            to: unsigned, suite: EdDSARDFC2022(), options: .init(verificationMethod: "\(issuer.did)#\(signingKeyID)", created: now),
            key: signingKey)
        return Data(signed.serialized(pretty: true).utf8)
    }

    /// Re-signs `list` (after its bits changed, or to renew it) and saves it.
    func republish(_ list: StatusListRecord, in transaction: any StatusListWriting) throws {
        var updated = list
        updated.signedCredentialJSON = try signedCredential(for: list)
        updated.updatedAt = now
        try transaction.saveStatusList(updated)
    }
}

/// Sets or clears one entry's bit in a stored list (one bit per entry, most significant first).
extension StatusListRecord {
    mutating func setStatus(_ value: Bool, at index: Int) throws {
        var list = BitstringStatusList(uncompressedBits: Array(bits))
        try list.setStatus(value ? 1 : 0, at: index)
        bits = Data(list.uncompressedBits)
    }
}
