import CanonicalJSON
import CertificateRendering
import Foundation
import IssuerCore

extension CertificateContent {
    /// What a certificate shows, read from the signed credential alone, so that what is printed
    /// is what was signed. Presentation (signatory) comes from the program's branding.
    public init(signedCredential credential: JSONValue, signatoryName: String? = nil, signatoryTitle: String? = nil) throws(IssuerError) {
        try self.init(
            view: SignedCredentialView(signedCredential: credential), signatoryName: signatoryName, signatoryTitle: signatoryTitle)
    }

    /// What a certificate shows of a signed credential's ``SignedCredentialView``: every module
    /// the credential completed (exemptions are not printed), the score as "Score: N".
    public init(view: SignedCredentialView, signatoryName: String? = nil, signatoryTitle: String? = nil) throws(IssuerError) {
        guard let learnerName = view.learnerName else {
            throw IssuerError(.unprintableCredential, "the credential has no credentialSubject.name to print")
        }
        guard let achievementName = view.achievementName else {
            throw IssuerError(.unprintableCredential, "the credential names no achievement")
        }
        guard let id = view.verificationURL, let issuedOn = view.validFrom, let credentialID = view.credentialID else {
            throw IssuerError(.unprintableCredential, "the credential needs an id and a validFrom to be printed")
        }
        let modules = view.modules.compactMap { module in
            module.completedOn.map { TrainingModuleLine(name: module.name, completedOn: $0, expiresOn: module.expiresOn) }
        }
        self.init(
            learnerName: learnerName, achievementName: achievementName, achievementDescription: view.achievementDescription,
            issuerName: view.issuerName ?? view.issuerID ?? "", issuedOn: issuedOn, validUntil: view.validUntil,
            result: view.score.map { "Score: \($0)" }, modules: modules, verificationURL: id, passcode: view.passcode,
            credentialID: credentialID, signatoryName: signatoryName, signatoryTitle: signatoryTitle)
    }
}
