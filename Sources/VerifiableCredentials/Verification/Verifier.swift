import CanonicalJSON
import Foundation

/// Verifies a credential and reports every check: data model, each proof, the binding of each
/// proof's key to the issuer, issuer trust, the validity period and status.
///
/// It never calls a credential valid when something could not be checked: such a check is
/// `indeterminate`, and so is the verdict. Keys, trust and time are parameters.
public struct Verifier: Sendable {
    /// Finds the documents that hold verification methods.
    public var resolver: any DIDResolver
    /// The issuers the user trusts; `nil` means no trust list was given.
    public var trustedIssuers: Set<String>?
    /// The moment the credential is judged at.
    public var now: Date
    /// The Data Integrity engine and its suites.
    public var dataIntegrity: DataIntegrity
    /// Where status lists come from; `nil` means status cannot be checked (reported indeterminate).
    public var statusLists: (any StatusListSource)?
    /// Status lists already checked, shared by copies of this verifier; `nil` checks every list every time.
    public var statusListMemo: StatusListMemo? = nil

    /// A verifier; by default it resolves only `did:key`, has no trust list and no status lists.
    public init(
        resolver: any DIDResolver = DIDKeyResolver(), trustedIssuers: Set<String>? = nil, statusLists: (any StatusListSource)? = nil,
        now: Date,
        dataIntegrity: DataIntegrity = DataIntegrity()
    ) {
        self.resolver = resolver
        self.trustedIssuers = trustedIssuers
        self.statusLists = statusLists
        self.now = now
        self.dataIntegrity = dataIntegrity
    }

    /// Runs every check on a parsed credential.
    public func verify(_ credential: JSONValue) async -> VerificationReport {
        var checks: [VerificationCheck] = [dataModelCheck(credential)]
        if OpenBadgesProfile.applies(to: credential) { checks.append(openBadgesCheck(credential)) }
        checks += await proofChecks(credential)
        checks.append(trustCheck(credential))
        checks.append(validityCheck(credential))
        checks += await statusChecks(credential)
        return VerificationReport(checks: checks, credential: CredentialSummary(credential))
    }

    private func dataModelCheck(_ credential: JSONValue) -> VerificationCheck {
        let validator = DataModelValidator()
        let violations = validator.violations(in: credential)
        guard let first = violations.first else {
            return VerificationCheck(
                "data-model", .pass, "conforms to the VC Data Model \(validator.isVersion11(credential) ? "1.1" : "2.0")")
        }
        let more = violations.count > 1 ? " (and \(violations.count - 1) more)" : ""
        return VerificationCheck("data-model", .fail, "\(first.message) at \(first.path.isEmpty ? "/" : first.path)\(more)")
    }

    private func openBadgesCheck(_ credential: JSONValue) -> VerificationCheck {
        let violations = OpenBadgesProfile.violations(in: credential)
        guard let first = violations.first else {
            return VerificationCheck("open-badges", .pass, "conforms to the Open Badges 3.0 credential profile")
        }
        return VerificationCheck("open-badges", .fail, first + (violations.count > 1 ? " (and \(violations.count - 1) more)" : ""))
    }

    func proofChecks(_ credential: JSONValue) async -> [VerificationCheck] {
        let proofs: [JSONObject]
        do {
            proofs = try dataIntegrity.proofs(of: credential)
        } catch {
            return [VerificationCheck("proof", .fail, error.reason)]
        }
        var checks: [VerificationCheck] = []
        for proof in proofs {
            checks += await checkProof(proof, of: credential)
        }
        return checks
    }

    /// One proof: its form, the key it names, that key's binding to the issuer, the signature.
    private func checkProof(_ proof: JSONObject, of credential: JSONValue) async -> [VerificationCheck] {
        let suite: any Cryptosuite
        do {
            suite = try dataIntegrity.checkProofForm(proof)
        } catch {
            // A proof type this verifier lacks cannot be checked: undecided, not a failed signature.
            return [VerificationCheck("proof", error.code == .unsupportedProofType ? .indeterminate : .fail, error.reason)]
        }
        let methodID = proof["verificationMethod"]!.stringValue!
        let did = String(methodID.prefix { $0 != "#" })
        let document: DIDDocument
        do {
            document = try await resolver.resolve(did)
        } catch {
            let outcome: CheckOutcome = error.code == .resolverUnavailable || error.code == .methodNotSupported ? .indeterminate : .fail
            return [VerificationCheck("key-binding", outcome, "the key \(methodID) could not be resolved: \(error.reason)")]
        }
        guard let method = document.verificationMethod(withID: methodID) else {
            return [VerificationCheck("key-binding", .fail, "\(document.id) does not list the key \(methodID)")]
        }
        var checks: [VerificationCheck] = []
        let issuer = CredentialSummary(credential).issuer
        if let revocation = Self.revocationProblem(of: method, proof: proof, in: document) {
            checks.append(VerificationCheck("key-binding", .fail, revocation))
        } else if !document.authorizes(methodID, for: "assertionMethod") {
            checks.append(VerificationCheck("key-binding", .fail, "\(methodID) is not listed under assertionMethod of \(document.id)"))
        } else if method.controller != issuer {
            checks.append(
                VerificationCheck(
                    "key-binding", .fail, "the key is controlled by \(method.controller), not by the issuer \(issuer ?? "(none)")"))
        } else {
            checks.append(VerificationCheck("key-binding", .pass, "the key is listed under the issuer's assertionMethod"))
        }
        do {
            try dataIntegrity.verifyProof(proof, of: credential, publicKey: method.publicKey)
            checks.append(VerificationCheck("proof", .pass, "\(suite.displayName) signature verified with \(methodID)"))
        } catch {
            checks.append(VerificationCheck("proof", .fail, error.reason))
        }
        return checks
    }

    /// Why a proof by a revoked (compromised) key does not count, or `nil` when the key is not revoked.
    ///
    /// A proof whose `created` is at or after `revoked` was made after the key leaked. One dated
    /// before counts only while the key is still under `assertionMethod` (Controlled Identifiers
    /// 1.0 lets an issuer keep vouching for earlier proofs); Attest's issuer removes a compromised
    /// key from there, because whoever holds the key can date a proof as they like.
    static func revocationProblem(of method: VerificationMethod, proof: JSONObject, in document: DIDDocument) -> String? {
        guard let revoked = method.revoked else { return nil }
        let since = DateTimeStamp.format(revoked)
        let createdText = proof["created"]?.stringValue
        guard let createdText, let created = DateTimeStamp.parse(createdText), created < revoked else {
            return "signed by a compromised key after its compromise time: \(method.id) is revoked as of \(since), "
                + "and this proof was created \(createdText.map { "at \($0)" } ?? "at no stated time")"
        }
        guard document.authorizes(method.id, for: "assertionMethod") else {
            return "\(method.id) is a compromised key (revoked as of \(since)) and no longer under assertionMethod of \(document.id): "
                + "the issuer vouches for nothing it signed, even before then (proof created at \(createdText)); ask the issuer for the "
                + "credential it reissued under a current key"
        }
        return nil
    }

    private func trustCheck(_ credential: JSONValue) -> VerificationCheck {
        let issuer = CredentialSummary(credential).issuer ?? "(none)"
        guard let trustedIssuers else {
            return VerificationCheck("issuer-trust", .skip, "no trust list given: \(issuer) is not in a trust list")
        }
        return trustedIssuers.contains(issuer)
            ? VerificationCheck("issuer-trust", .pass, "\(issuer) is in the trust list")
            : VerificationCheck("issuer-trust", .fail, "\(issuer) is not in the trust list")
    }

    private func validityCheck(_ credential: JSONValue) -> VerificationCheck {
        let at = DateTimeStamp.format(now)
        if let text = (credential["validFrom"] ?? credential["issuanceDate"])?.stringValue,
            let validFrom = DateTimeStamp.parseAllowingLocalTime(text), now < validFrom
        {
            return VerificationCheck("validity-period", .fail, "not valid yet: valid from \(text) (judged at \(at))")
        }
        if let text = (credential["validUntil"] ?? credential["expirationDate"])?.stringValue,
            let validUntil = DateTimeStamp.parseAllowingLocalTime(text), now > validUntil
        {
            return VerificationCheck("validity-period", .fail, "expired: valid until \(text) (judged at \(at))")
        }
        return VerificationCheck("validity-period", .pass, "within its validity period at \(at)")
    }
}
