import Foundation

/// Storing and changing credentials.
public protocol CredentialWriting: CredentialReading {
    /// Inserts a credential; throws ``IssuerError`` `duplicate` when its id, or a status index it
    /// holds, is taken, or when the learner already has a current credential for the program.
    func insertCredential(_ credential: CredentialRecord) throws
    /// Replaces a stored credential and its files under the same rules; throws
    /// ``IssuerError`` `notFound` when there is none.
    func updateCredential(_ credential: CredentialRecord) throws
}
