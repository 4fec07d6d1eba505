import CanonicalJSON
import Ed25519

/// Checks a DID authentication presentation (VCALM `DIDAuthentication`, OpenID4VCI `di_vp`): a
/// `VerifiablePresentation` whose `holder` is a `did:key` and whose proof, made by a key of that
/// holder for `authentication`, carries the verifier's `challenge` and `domain`.
///
/// - Warning: This checks one presentation against one challenge. That the challenge is fresh and
///   used only once is the caller's business (the exchange store), not this type's.
public struct DIDAuthentication: Sendable {
    /// The challenge the verifier handed out; the proof must carry exactly this value.
    public let challenge: String
    /// The verifier's domain; the proof's `domain` (a string, or an array of strings) must name it.
    public let domain: String
    /// Whether a proof without any `domain` is refused. The DCC request link (`auth_type=bearer`)
    /// signs only the challenge, so its endpoint accepts a missing domain; a domain that is
    /// present must still be this one.
    public let domainRequired: Bool
    /// The proof suites accepted: `eddsa-rdfc-2022` and the legacy `Ed25519Signature2020` wallets still send.
    public let engine: DataIntegrity

    /// A check against one challenge and domain.
    public init(
        challenge: String, domain: String, domainRequired: Bool = true,
        engine: DataIntegrity = DataIntegrity(suites: [EdDSARDFC2022(), Ed25519Signature2020()])
    ) {
        self.challenge = challenge
        self.domain = domain
        self.domainRequired = domainRequired
        self.engine = engine
    }

    /// The holder's DID and public key when `presentation` authenticates it.
    /// - Throws: ``CredentialError`` `invalidPresentation` (not a presentation, no `did:key` holder,
    ///   no authentication proof), `INVALID_CHALLENGE_ERROR`, `INVALID_DOMAIN_ERROR`,
    ///   `INVALID_VERIFICATION_METHOD` (a key that is not the holder's), `invalidDid`, or the
    ///   Data Integrity error of a proof that does not verify.
    public func authenticate(_ presentation: JSONValue) throws(CredentialError) -> (holder: String, key: Ed25519PublicKey) {
        guard let object = presentation.objectValue else {
            throw CredentialError(.invalidPresentation, "the presentation must be a JSON object")
        }
        guard object["type"]?.asArray.contains(.string("VerifiablePresentation")) == true else {
            throw CredentialError(.invalidPresentation, "the presentation's type must include VerifiablePresentation")
        }
        guard let holder = object["holder"]?.stringValue ?? object["holder"]?["id"]?.stringValue else {
            throw CredentialError(.invalidPresentation, "the presentation names no holder; DID authentication needs a did:key holder")
        }
        guard holder.hasPrefix("did:key:"), !holder.contains("#") else {
            throw CredentialError(.invalidDid, "the holder must be a did:key DID without a fragment")
        }
        let document = try DIDKey.resolve(holder)
        guard document.id == holder else { throw CredentialError(.invalidDid, "the holder \(holder) is not a plain did:key DID") }
        let proofs = try engine.proofs(of: presentation)
        let authenticationProofs = proofs.filter { $0["proofPurpose"]?.stringValue == "authentication" }
        guard authenticationProofs.count == 1, let proof = authenticationProofs.first else {
            throw CredentialError(
                .invalidPresentation,
                "the presentation needs exactly one proof with proofPurpose authentication, it has \(authenticationProofs.count)")
        }
        guard proof["challenge"]?.stringValue == challenge else {
            throw CredentialError(.invalidChallengeError, "the proof's challenge is not the one this exchange gave out")
        }
        let domains = proof["domain"]?.asArray.compactMap(\.stringValue) ?? []
        guard domains.contains(domain) || (!domainRequired && proof["domain"] == nil) else {
            throw CredentialError(.invalidDomainError, "the proof's domain must be \(domain)")
        }
        guard let methodID = proof["verificationMethod"]?.stringValue,
            let method = document.verificationMethod(withID: methodID), document.authorizes(methodID, for: "authentication")
        else {
            throw CredentialError(
                .invalidVerificationMethod, "the proof's verificationMethod is not an authentication key of the holder \(holder)")
        }
        try engine.verifyProof(proof, of: presentation, publicKey: method.publicKey, expectedPurpose: "authentication")
        return (holder, method.publicKey)
    }
}
