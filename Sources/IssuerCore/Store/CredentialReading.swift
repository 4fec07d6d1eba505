import Foundation

/// Issued credentials: their rows, summaries without files, and the files one at a time.
public protocol CredentialReading {
    /// A credential with all its files (JSON, PDF, PNG): for code that serves or changes them;
    /// pages and listings read ``credentialSummary(id:)`` and ``credentialDocument(_:credentialID:)``.
    func credential(id: String) throws -> CredentialRecord?
    /// The newest credential of a learner for a program that is not superseded (any state).
    func currentCredential(learnerID: String, programID: String) throws -> CredentialRecord?
    /// Credentials with all their files, in insertion order; listings read ``credentialSummaries(filter:)``.
    func credentials(filter: CredentialFilter) throws -> [CredentialRecord]
    /// The credential whose printed passcode is `passcode` (canonical form, `XXXXX-XXXXX`).
    func credential(passcode: String) throws -> CredentialRecord?
    /// A credential without its files (the verification page, downloads that read one file).
    func credentialSummary(id: String) throws -> CredentialRecordSummary?
    /// The credential whose printed passcode is `passcode`, without its files (`POST /verify`).
    func credentialSummary(passcode: String) throws -> CredentialRecordSummary?
    /// The newest credential of a learner for a program that is not superseded, without its files
    /// (intake's "what does this learner hold" check).
    func currentCredentialSummary(learnerID: String, programID: String) throws -> CredentialRecordSummary?
    /// Credentials without their files, in insertion order: what listings read.
    func credentialSummaries(filter: CredentialFilter) throws -> [CredentialRecordSummary]
    /// The bytes of one stored file of credential `credentialID`, `nil` when it has none.
    func credentialDocument(_ kind: CredentialDocumentKind, credentialID: String) throws -> Data?
}
