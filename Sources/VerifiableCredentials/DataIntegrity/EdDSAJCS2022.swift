import CanonicalJSON
import Ed25519

/// `eddsa-jcs-2022` (Data Integrity EdDSA Cryptosuites v1.0 §3.3): JCS-canonical document and proof
/// configuration, each hashed with SHA-256, signed with Ed25519.
public struct EdDSAJCS2022: Cryptosuite {
    public let proofType = "DataIntegrityProof"
    public let cryptosuiteName: String? = "eddsa-jcs-2022"
    public let canCreateProofs = true

    /// The suite.
    public init() {}

    /// §3.3.5 Proof Configuration: the options, with the document's `@context` copied into the proof.
    public func proofConfiguration(options: JSONObject, document: JSONObject) throws(CredentialError) -> JSONObject {
        var proof = options
        if let context = document["@context"] { proof["@context"] = context }
        return proof
    }

    /// §3.3.2 Verify Proof, step 4: a proof that carries `@context` must list a prefix of the
    /// document's contexts, and the document is then verified with the proof's contexts.
    public func unsecuredDocument(_ document: JSONObject, forProof proofOptions: JSONObject) throws(CredentialError) -> JSONObject {
        guard let proofContext = proofOptions["@context"] else { return document }
        let proofContexts = proofContext.asArray
        let documentContexts = document["@context"]?.asArray ?? []
        guard documentContexts.starts(with: proofContexts) else {
            throw CredentialError(
                .proofVerificationError,
                "the proof's @context is not a prefix of the document's @context (eddsa-jcs-2022 §3.3.2)")
        }
        var unsecured = document
        unsecured["@context"] = proofContext
        return unsecured
    }

    /// §3.3.4 Hashing: SHA-256(JCS(proof configuration)) ‖ SHA-256(JCS(document)).
    public func hashData(document: JSONObject, proofConfiguration: JSONObject) throws(CredentialError) -> [UInt8] {
        SHA256.hash(JSONValue.object(proofConfiguration).canonicalBytes) + SHA256.hash(JSONValue.object(document).canonicalBytes)
    }
}
