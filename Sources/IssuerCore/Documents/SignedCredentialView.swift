import CanonicalJSON
import Foundation
import VerifiableCredentials

/// What a signed credential says, read once from its JSON in one way: the one typed view the
/// certificate PDF, the verification page, the certificate email and the staff console show,
/// so that what is printed or displayed is what was signed.
///
/// Pure: built from the signed credential alone (`init(signedCredential:)`), or with the stored
/// record beside it (`init(record:)`), which also gives the record's own id. Text that may be a
/// language map is read by `LanguageMap.displayText`, the one display rule (the verifier's summary uses it too).
public struct SignedCredentialView: Sendable, Hashable {
    /// The signed `id`: the permanent verification URL (`BASE/c/ID`) the QR code and links carry.
    public var verificationURL: String?
    /// The credential's short id: the record's, or the last path segment of the signed `id`.
    public var credentialID: String?
    /// `credentialSubject.name`: the learner's name as signed.
    public var learnerName: String?
    /// `credentialSubject.achievement.name`, else the credential's `name`.
    public var achievementName: String?
    /// `credentialSubject.achievement.description`.
    public var achievementDescription: String?
    /// The issuer's `name` (or the issuer itself when it is a plain string).
    public var issuerName: String?
    /// The issuer's `id` (its DID), or the issuer when it is a plain string.
    public var issuerID: String?
    /// `validFrom` as signed, and as a date when it is a valid timestamp.
    public var validFromText: String?
    /// `validFrom` as a date.
    public var validFrom: Date?
    /// `validUntil` as signed.
    public var validUntilText: String?
    /// `validUntil` as a date.
    public var validUntil: Date?
    /// `credentialSubject.activityEndDate`: the day the course was completed.
    public var completedOn: String?
    /// The first `credentialSubject.result` value (the score), as signed.
    public var score: String?
    /// Every module the credential's `evidence` names, in the signed order (``ModuleEvidence``).
    public var modules: [ModuleEvidence]
    /// The first proof's `verificationMethod`: the key that signed it.
    public var verificationMethod: String?
    /// The passcode a person types on `/verify`, derived from the signed credential (``CertificatePasscode``).
    public var passcode: String

    /// Reads a signed credential.
    public init(signedCredential credential: JSONValue) {
        let subject = credential["credentialSubject"]?.asArray.first
        let achievement = subject?["achievement"]
        let issuer = credential["issuer"]
        verificationURL = credential["id"]?.stringValue
        credentialID = verificationURL.map { String($0.split(separator: "/").last ?? Substring($0)) }
        learnerName = subject?["name"].flatMap(LanguageMap.displayText)
        achievementName = achievement?["name"].flatMap(LanguageMap.displayText) ?? credential["name"].flatMap(LanguageMap.displayText)
        achievementDescription = achievement?["description"].flatMap(LanguageMap.displayText)
        issuerName = issuer?["name"].flatMap(LanguageMap.displayText) ?? issuer?.stringValue
        issuerID = issuer?["id"]?.stringValue ?? issuer?.stringValue
        validFromText = credential["validFrom"]?.stringValue
        validFrom = validFromText.flatMap(DateTimeStamp.parse)
        validUntilText = credential["validUntil"]?.stringValue
        validUntil = validUntilText.flatMap(DateTimeStamp.parse)
        // The day: credentials before Open Badges conformance carry a date, later ones a date-time.
        completedOn = subject?["activityEndDate"]?.stringValue.map { String($0.prefix(10)) }
        score = subject?["result"]?.asArray.first?["value"]?.stringValue
        modules = (credential["evidence"]?.asArray ?? []).compactMap(ModuleEvidence.init(evidence:))
        verificationMethod = credential["proof"].map { $0.asArray.first ?? $0 }?["verificationMethod"]?.stringValue
        passcode = CertificatePasscode.derive(from: credential)
    }

    /// Reads the signed credential a record stores; `nil` when it has none (not yet signed).
    /// The record's id is the view's `credentialID`.
    public init?(record: CredentialRecord) throws {
        guard let bytes = record.credentialJSON else { return nil }
        self.init(signedCredential: try JSONValue.parse(bytes: Array(bytes)))
        credentialID = record.id
    }

    /// The LinkedIn link of this credential, with its names and issue date; `nil` when the
    /// credential lacks one of them. `verificationURL` and `credentialID` default to the view's.
    public func linkedIn(verificationURL url: String? = nil, credentialID id: String? = nil) -> LinkedInCertification? {
        guard let achievementName, let issuerName, let validFrom, let url = url ?? verificationURL, let id = id ?? credentialID else {
            return nil
        }
        return LinkedInCertification(
            name: achievementName, organisation: issuerName, issuedOn: validFrom, expiresOn: validUntil, certificationURL: url,
            credentialID: id)
    }
}
