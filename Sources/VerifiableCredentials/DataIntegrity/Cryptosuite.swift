import CanonicalJSON

/// A Data Integrity cryptosuite: how a document and its proof configuration become the bytes an
/// Ed25519 key signs. The proof mechanics shared by all suites live in ``DataIntegrity``.
public protocol Cryptosuite: Sendable {
    /// The proof `type` this suite writes (`DataIntegrityProof`, or a legacy type).
    var proofType: String { get }
    /// The `cryptosuite` value, or `nil` for legacy proof types that have none.
    var cryptosuiteName: String? { get }
    /// Whether new proofs may be created (legacy suites only verify).
    var canCreateProofs: Bool { get }

    /// The proof as it will be embedded (without `proofValue`), from the caller's options.
    func proofConfiguration(options: JSONObject, document: JSONObject) throws(CredentialError) -> JSONObject

    /// The unsecured document as this suite verifies it, or an error when a suite rule forbids
    /// verification (for example, eddsa-jcs-2022's rule that the proof's contexts prefix the document's).
    func unsecuredDocument(_ document: JSONObject, forProof proofOptions: JSONObject) throws(CredentialError) -> JSONObject

    /// The bytes that are signed: the hash of the proof configuration followed by the hash of the
    /// transformed document (64 bytes for the SHA-256 suites).
    func hashData(document: JSONObject, proofConfiguration: JSONObject) throws(CredentialError) -> [UInt8]
}

extension Cryptosuite {
    /// The name people read in reports: the cryptosuite, or the legacy proof type.
    public var displayName: String { cryptosuiteName ?? proofType }
}
