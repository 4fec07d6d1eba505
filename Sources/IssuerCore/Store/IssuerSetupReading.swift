import Foundation

/// The issuer itself as the store keeps it: its profile, its signing keys and its secrets.
public protocol IssuerSetupReading {
    /// The issuer's profile, `nil` before `attest init`.
    func issuer() throws -> IssuerProfile?
    /// Every signing key, retired ones included, oldest first.
    func signingKeys() throws -> [SigningKeyRecord]
    /// A secret of the issuer kept in the store (e.g. `claim-token`), `nil` until one is made.
    func issuerSecret(name: String) throws -> [UInt8]?
}
