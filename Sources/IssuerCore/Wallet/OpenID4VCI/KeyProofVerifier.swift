import CanonicalJSON
import Ed25519
import Foundation
import VerifiableCredentials

/// Checks the key proof of an OpenID4VCI credential request (1.0 §8.2 and appendix F): one `jwt`
/// proof (`typ` `openid4vci-proof+jwt`, `alg` `EdDSA`, `kid` a `did:key` DID URL, `aud` the
/// Credential Issuer Identifier, a recent `iat`, a `nonce`) or one `di_vp` presentation
/// (`authentication` proof, `domain` the Credential Issuer Identifier, `challenge` the nonce).
///
/// - Warning: This checks the proof's form and signature only. That its nonce was handed out by
///   the Nonce Endpoint, is unexpired and is used once is checked against the store by the caller
///   (``OpenID4VCIIssuance``), in the transaction that hands out the credential.
public struct KeyProofVerifier: Sendable {
    /// The Credential Issuer Identifier, which `aud` (jwt) or `domain` (di_vp) must be.
    public let audience: String
    /// The `iat` window.
    public let policy: OpenID4VCIPolicy
    /// The longest `jwt` proof read: 8 KiB.
    public static let maximumJWTLength = 8 * 1024
    /// The JOSE header `typ` a key proof must carry.
    public static let proofType = "openid4vci-proof+jwt"

    /// What a valid key proof proves: the holder's DID and the nonce it was made for.
    public struct Proof: Sendable, Hashable {
        /// The `did:key` DID the credential is bound to.
        public let holder: String
        /// The `c_nonce` the proof carries (still to be checked against the store).
        public let nonce: String
    }

    /// A verifier for the issuer `audience`.
    public init(audience: String, policy: OpenID4VCIPolicy = OpenID4VCIPolicy()) {
        self.audience = audience
        self.policy = policy
    }

    /// Checks the `proofs` member of a credential request.
    /// - Throws: ``OpenID4VCIError`` `invalid_proof` (missing, malformed, wrong type, more than
    ///   one, or a proof that does not check), `invalid_credential_request` (an unknown proof type).
    public func verify(proofs: JSONValue?, now: Date) throws(OpenID4VCIError) -> Proof {
        guard let proofs else { throw OpenID4VCIError(.invalidProof, "the credential request has no proofs; send one jwt or di_vp proof") }
        guard let object = proofs.objectValue, object.count == 1, let (type, list) = object.first(where: { _ in true }) else {
            throw OpenID4VCIError(.invalidProof, "proofs must be an object with exactly one proof type")
        }
        guard let items = list.arrayValue, !items.isEmpty else {
            throw OpenID4VCIError(.invalidProof, "proofs.\(type) must be a non-empty array")
        }
        guard items.count == 1 else {
            throw OpenID4VCIError(.invalidCredentialRequest, "this issuer makes one credential per request; send exactly one proof")
        }
        switch type {
        case "jwt":
            guard let text = items[0].stringValue else { throw OpenID4VCIError(.invalidProof, "a jwt proof must be a string") }
            return try verifyJWT(text, now: now)
        case "di_vp":
            return try verifyPresentation(items[0])
        default:
            throw OpenID4VCIError(.invalidProof, "the proof type \(type.prefix(40)) is not supported; use jwt or di_vp")
        }
    }

    /// Checks one `jwt` key proof.
    public func verifyJWT(_ text: String, now: Date) throws(OpenID4VCIError) -> Proof {
        guard text.utf8.count <= Self.maximumJWTLength else { throw OpenID4VCIError(.invalidProof, "the jwt proof is longer than 8 KiB") }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = Base64URL.decode(String(parts[2])) else {
            throw OpenID4VCIError(.invalidProof, "the jwt proof is not a compact JWS (header.payload.signature)")
        }
        let header = try Self.segment(parts[0], name: "header")
        let payload = try Self.segment(parts[1], name: "payload")
        guard header["typ"]?.stringValue == Self.proofType else {
            throw OpenID4VCIError(.invalidProof, "the jwt proof's typ must be \(Self.proofType)")
        }
        guard header["alg"]?.stringValue == "EdDSA" else {
            throw OpenID4VCIError(.invalidProof, "the jwt proof's alg must be EdDSA (Ed25519)")
        }
        guard header["jwk"] == nil, header["x5c"] == nil, header["crit"] == nil else {
            throw OpenID4VCIError(.invalidProof, "the jwt proof must name its key by kid only (no jwk, x5c or crit)")
        }
        guard let kid = header["kid"]?.stringValue, kid.hasPrefix("did:key:"), kid.contains("#"), kid.utf8.count <= 300 else {
            throw OpenID4VCIError(.invalidProof, "the jwt proof's kid must be a did:key DID URL (did:key:z6Mk...#z6Mk...)")
        }
        let document: DIDDocument
        do { document = try DIDKey.resolve(kid) } catch {
            throw OpenID4VCIError(.invalidProof, "the kid does not resolve: \(error.reason)")
        }
        guard let method = document.verificationMethod(withID: kid) else {
            throw OpenID4VCIError(.invalidProof, "the kid names no key of \(document.id)")
        }
        let audiences = payload["aud"]?.asArray.compactMap(\.stringValue) ?? []
        guard audiences == [audience] else {
            throw OpenID4VCIError(.invalidProof, "the jwt proof's aud must be the credential issuer \(audience)")
        }
        guard let issuedAt = payload["iat"]?.numberValue, issuedAt.isFinite else {
            throw OpenID4VCIError(.invalidProof, "the jwt proof has no numeric iat")
        }
        let issued = Date(timeIntervalSince1970: issuedAt)
        guard issued >= now.addingTimeInterval(-policy.proofMaximumAge), issued <= now.addingTimeInterval(policy.proofClockSkew) else {
            throw OpenID4VCIError(.invalidProof, "the jwt proof's iat is too old or in the future; make a fresh proof")
        }
        guard let nonce = payload["nonce"]?.stringValue, !nonce.isEmpty else {
            throw OpenID4VCIError(.invalidProof, "the jwt proof has no nonce; get a c_nonce from the nonce endpoint")
        }
        let signingInput = Array("\(parts[0]).\(parts[1])".utf8)
        guard signature.count == 64, method.publicKey.isValidSignature(signature, for: signingInput) else {
            throw OpenID4VCIError(.invalidProof, "the jwt proof's signature does not verify with the key of its kid")
        }
        return Proof(holder: document.id, nonce: nonce)
    }

    /// Checks one `di_vp` key proof (a DID authentication presentation).
    public func verifyPresentation(_ presentation: JSONValue) throws(OpenID4VCIError) -> Proof {
        let proofs = presentation["proof"]?.asArray ?? []
        guard proofs.count == 1, let challenge = proofs[0]["challenge"]?.stringValue, !challenge.isEmpty else {
            throw OpenID4VCIError(.invalidProof, "the di_vp proof needs exactly one proof with a challenge (the c_nonce)")
        }
        guard proofs[0]["domain"]?.stringValue == audience else {
            throw OpenID4VCIError(.invalidProof, "the di_vp proof's domain must be the credential issuer \(audience)")
        }
        do {
            let authenticated = try DIDAuthentication(challenge: challenge, domain: audience).authenticate(presentation)
            return Proof(holder: authenticated.holder, nonce: challenge)
        } catch {
            throw OpenID4VCIError(.invalidProof, "the di_vp proof does not check: \(error.reason)")
        }
    }

    private static func segment(_ text: Substring, name: String) throws(OpenID4VCIError) -> JSONObject {
        guard let bytes = Base64URL.decode(String(text)), let value = try? JSONValue.parse(bytes: bytes, maximumDepth: 8),
            let object = value.objectValue
        else {
            throw OpenID4VCIError(.invalidProof, "the jwt proof's \(name) is not base64url JSON object")
        }
        return object
    }
}
