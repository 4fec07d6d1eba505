import Foundation

/// Everything printed on one certificate, already taken from the signed credential.
///
/// The renderer prints exactly these values and nothing else, so what a reader sees is what was signed.
public struct CertificateContent: Sendable, Equatable {
    /// The learner's name as signed, in any script.
    public var learnerName: String
    /// The achievement (course, program) the certificate is for.
    public var achievementName: String
    /// A sentence or two about the achievement; printed smaller and shortened if it does not fit.
    public var achievementDescription: String?
    /// The organisation that issued the credential.
    public var issuerName: String
    /// When the credential became valid (`validFrom`).
    public var issuedOn: Date
    /// When the credential stops being valid (`validUntil`), if it expires.
    public var validUntil: Date?
    /// The score or grade text for the achievement template, e.g. "Score 92 %" or "Distinction".
    public var result: String?
    /// Completed training modules, listed in a table by the compliance template.
    public var modules: [TrainingModuleLine]
    /// The learner's group, cohort or site, if the program names one.
    public var group: String?
    /// The short https URL that the QR code holds and the link opens.
    public var verificationURL: String
    /// The short code a person types on the verification page.
    public var passcode: String
    /// The credential's identifier, printed small for reference.
    public var credentialID: String
    /// The person who signs on behalf of the issuer.
    public var signatoryName: String?
    /// The signatory's role, e.g. "Head of Training".
    public var signatoryTitle: String?

    /// Creates the content of one certificate.
    public init(
        learnerName: String, achievementName: String, achievementDescription: String? = nil,
        issuerName: String, issuedOn: Date, validUntil: Date? = nil, result: String? = nil,
        modules: [TrainingModuleLine] = [], group: String? = nil, verificationURL: String,
        passcode: String, credentialID: String, signatoryName: String? = nil,
        signatoryTitle: String? = nil
    ) {
        self.learnerName = learnerName
        self.achievementName = achievementName
        self.achievementDescription = achievementDescription
        self.issuerName = issuerName
        self.issuedOn = issuedOn
        self.validUntil = validUntil
        self.result = result
        self.modules = modules
        self.group = group
        self.verificationURL = verificationURL
        self.passcode = passcode
        self.credentialID = credentialID
        self.signatoryName = signatoryName
        self.signatoryTitle = signatoryTitle
    }
}

/// One completed training module, a row of the compliance table.
public struct TrainingModuleLine: Sendable, Equatable {
    /// The module's name.
    public var name: String
    /// When the learner completed it.
    public var completedOn: Date
    /// When the training must be repeated, if it expires.
    public var expiresOn: Date?

    /// Creates a module row.
    public init(name: String, completedOn: Date, expiresOn: Date? = nil) {
        self.name = name
        self.completedOn = completedOn
        self.expiresOn = expiresOn
    }
}
