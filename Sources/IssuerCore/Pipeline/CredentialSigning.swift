import CanonicalJSON
import Ed25519
import Foundation
import VerifiableCredentials

/// Signs a credential someone else composed (the VC-API's `POST /credentials/issue`) with the
/// issuer's active key, and audits it. The issuer named in the credential must be this issuer:
/// the server lends its signature only to statements in its own name.
public struct CredentialSigning: Sendable {
    /// The store, clock and keys.
    public let environment: IssuerEnvironment
    /// Who asked, for the audit trail (`api:NAME`).
    public let actor: String

    /// Signing on behalf of `actor`.
    public init(environment: IssuerEnvironment, actor: String) {
        self.environment = environment
        self.actor = actor
    }

    /// The credential with a Data Integrity proof by the active key, `created` now.
    /// - Throws: ``IssuerError`` `invalidCredential` when the credential is not an object, already
    ///   carries a proof, names another issuer, or cannot be secured with `suite` (e.g. terms the
    ///   JSON-LD contexts do not define); `noSigningKey`/`keyUnavailable` when the key is missing.
    public func sign(_ credential: JSONValue, suite: any Cryptosuite) async throws -> JSONValue {
        guard credential.objectValue != nil else { throw IssuerError(.invalidCredential, "the credential must be a JSON object") }
        guard credential["proof"] == nil else {
            throw IssuerError(.invalidCredential, "the credential already has a proof; send it unsigned")
        }
        guard let issuer = try await environment.store.read({ try $0.issuer() }) else {
            throw IssuerError(.notInitialized, "the issuer is not set up")
        }
        let named = credential["issuer"]?.stringValue ?? credential["issuer"]?["id"]?.stringValue
        guard named == issuer.did else {
            throw IssuerError(.invalidCredential, "the credential's issuer must be \(issuer.did), not \(named ?? "missing")")
        }
        let recorder = try await environment.auditRecorder(actor: actor)
        let signed: JSONValue
        do {
            signed = try DataIntegrity().addProof(
                to: credential, suite: suite,
                options: .init(verificationMethod: "\(issuer.did)#\(recorder.keyID)", created: recorder.at), key: recorder.key)
        } catch {
            throw IssuerError(.invalidCredential, "the credential cannot be signed: \(error.reason)")
        }
        let digest = Hex.encode(SHA256.hash(Array(signed.serialized().utf8)))
        try await environment.store.write { transaction in
            try recorder.record(
                "credential.signed", subject: credential["id"]?.stringValue ?? "(no id)",
                data: ["key": .string(recorder.keyID), "cryptosuite": .string(suite.displayName), "sha256": .string(digest)],
                in: transaction)
        }
        return signed
    }
}
