import CanonicalJSON
import Foundation
import IssuerCore
import VerifiableCredentials

/// Everything the verification page shows about one credential, already in words.
struct VerificationPage: Sendable {
    var state: CredentialDisplayState
    var stateReason: String?
    var credentialID: String
    var pageURL: String
    var learnerName: String
    var achievementName: String
    var achievementDescription: String?
    var issuerName: String
    var validFrom: String?
    var validUntil: String?
    var completedOn: String?
    var score: String?
    var modules: [(name: String, narrative: String)]
    var signatureChecked: Bool
    var signatureMessage: String
    var signingKey: String?
    var hasPDF: Bool
    var hasPNG: Bool
    var supersededBy: String?
    var linkedInURL: String?
    /// The live training state of a compliance certificate.
    var training: LiveTrainingSection? = nil
}

/// What the verification page reads from the store, in one snapshot: each `store.read` is a hop to
/// a database thread and back, and three of them per page cost more than rendering it.
struct VerificationPageReads: Sendable {
    /// The record with its signed credential only: the page never reads the PDF or PNG bytes.
    var record: CredentialRecord
    /// Whether a PDF is stored (the page links to it).
    var hasPDF: Bool
    /// Whether `/c/{id}.png` can answer (the page shows it).
    var hasPreview: Bool
    /// The issuer's keys, current and retired (the signature check's cache key and trust).
    var keys: [SigningKeyRecord]
    var training: TrainingRecords?

    private init(record: CredentialRecord, hasPDF: Bool, hasPreview: Bool, in reading: any IssuerReading) throws {
        self.record = record
        self.hasPDF = hasPDF
        self.hasPreview = hasPreview
        keys = try reading.signingKeys()
        training = try TrainingRecords(for: record, in: reading)
    }

    /// The page's reads for credential `id`, `nil` when there is no such credential.
    init?(credentialID id: String, in reading: any IssuerReading) throws {
        guard let summary = try reading.credentialSummary(id: id) else { return nil }
        let credentialJSON = summary.isSigned ? try reading.credentialDocument(.json, credentialID: id) : nil
        try self.init(
            record: summary.record(credentialJSON: credentialJSON), hasPDF: summary.hasPDF, hasPreview: summary.hasPreview, in: reading)
    }
}

extension IssuerServer {
    /// The page model of a stored credential from what was read for it: its live state, what was
    /// signed, and a fresh check of the signature against the issuer's own DID document.
    func verificationPage(from reads: VerificationPageReads) async throws -> VerificationPage {
        let record = reads.record
        let now = environment.now()
        let (signature, content) = try await cachedSignatureCheck(
            bytes: record.credentialJSON ?? Data(), keys: reads.keys, id: record.id, at: now)
        var page = content
        page.state = CredentialDisplayState(record: record, now: now)
        page.stateReason = record.state == .revoked || record.state == .suspended ? record.stateReason : nil
        if let compromised = Self.compromisedSigningKey(of: page.signingKey, issuedAt: record.issuedAt, keys: reads.keys, did: issuer.did) {
            // Whatever the record says, a credential signed after its key leaked is not one of ours.
            page.state = .invalid
            page.stateReason = IssuerAdministration.compromisedKeyReason(keyID: compromised.id, since: compromised.since)
        }
        page.signatureChecked = signature.passed
        page.signatureMessage = signature.message
        page.hasPDF = reads.hasPDF
        page.hasPNG = reads.hasPreview
        page.supersededBy = record.supersededBy
        page.linkedInURL = page.state == .valid ? content.linkedInURL : nil
        page.training = liveTraining(for: record, records: reads.training, now: now)
        return page
    }

    /// The issuer's compromised key that signed a credential at `issuedAt` (its proof's `created`)
    /// at or after the key's compromise time, if that is how `verificationMethod` was signed.
    static func compromisedSigningKey(of verificationMethod: String?, issuedAt: Date, keys: [SigningKeyRecord], did: String)
        -> (id: String, since: Date)?
    {
        guard let verificationMethod,
            let key = keys.first(where: { "\(did)#\($0.id)" == verificationMethod }), let since = key.compromisedSince,
            issuedAt >= since
        else { return nil }
        return (key.id, since)
    }

    /// Checks the proofs and that their key is one of this issuer's (current or retired).
    func checkSignature(of credential: JSONValue, at now: Date) async throws -> (passed: Bool, message: String) {
        let keys = try await environment.store.read { try $0.signingKeys() }
        let document = try issuer.didDocument(keys: keys)
        let verifier = Verifier(resolver: StaticDIDResolver(documents: [document], fallback: nil), trustedIssuers: [issuer.did], now: now)
        let report = await verifier.verify(credential)
        let signatureChecks = report.checks.filter { ["proof", "key-binding", "issuer-trust"].contains($0.check) }
        if let failed = signatureChecks.first(where: { $0.outcome != .pass }) { return (false, failed.message) }
        guard !signatureChecks.isEmpty else { return (false, "the document carries no proof") }
        return (true, "The issuer's Ed25519 signature was checked on this server just now and matches what is shown.")
    }

    /// What the signed credential says, read from its JSON (not from the database) through the
    /// one ``SignedCredentialView``; `id` is the credential the page is for.
    static func page(view: SignedCredentialView, issuer: IssuerProfile, id: String) -> VerificationPage {
        VerificationPage(
            state: .invalid, stateReason: nil, credentialID: id, pageURL: issuer.verificationURL(credentialID: id),
            learnerName: view.learnerName ?? "(no name)", achievementName: view.achievementName ?? "(no achievement)",
            achievementDescription: view.achievementDescription, issuerName: view.issuerName ?? issuer.name,
            validFrom: view.validFromText.map(Self.displayDate), validUntil: view.validUntilText.map(Self.displayDate),
            completedOn: view.completedOn, score: view.score, modules: view.modules.map { ($0.name, $0.narrative) },
            signatureChecked: false, signatureMessage: "", signingKey: view.verificationMethod, hasPDF: false, hasPNG: false,
            supersededBy: nil, linkedInURL: nil)
    }

    /// `2026-11-23T09:00:00Z` → `2026-11-23 09:00 UTC`.
    static func displayDate(_ stamp: String) -> String {
        guard stamp.count >= 16 else { return stamp }
        return String(stamp.prefix(10)) + " " + String(stamp.dropFirst(11).prefix(5)) + " UTC"
    }

    /// The page's "Add to LinkedIn profile" link: `/c/{id}/share/linkedin`, which counts the share
    /// and sends the browser on to LinkedIn's add-to-profile form (``PublicRoutes/shareOnLinkedIn``);
    /// `nil` when the credential has no valid `validFrom`, so LinkedIn could not be told its date.
    static func linkedInURL(view: SignedCredentialView, page: VerificationPage) -> String? {
        guard view.validFrom != nil else { return nil }
        return page.pageURL + "/share/linkedin"
    }
}
