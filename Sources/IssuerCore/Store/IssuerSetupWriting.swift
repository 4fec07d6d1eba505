import Foundation

/// Changes to the issuer's profile, signing keys and secrets.
public protocol IssuerSetupWriting: IssuerSetupReading {
    /// Inserts or replaces the issuer's profile (there is one).
    func saveIssuer(_ issuer: IssuerProfile) throws
    /// Inserts or replaces a signing key (by id).
    func saveSigningKey(_ key: SigningKeyRecord) throws
    /// Stores a secret of the issuer under `name`; throws ``IssuerError`` `duplicate` if one exists
    /// (secrets are made once and never replaced, so what was derived from them stays valid).
    func insertIssuerSecret(name: String, value: [UInt8]) throws
}
