import Foundation
import IssuerCore

/// Makes new signing keys for `POST /api/v1/keys/rotate` and keeps their private halves where the
/// server's ``IssuerCore/SigningKeyProvider`` will find them.
public protocol SigningKeyMaker: Sendable {
    /// Generates a key with id `keyID`, stores its private half, and returns its record.
    func makeKey(keyID: String, issuer: IssuerProfile, now: Date) throws -> SigningKeyRecord
    /// Deletes a key made by ``makeKey(keyID:issuer:now:)`` when the rotation did not go through.
    func discardKey(_ record: SigningKeyRecord)
}
