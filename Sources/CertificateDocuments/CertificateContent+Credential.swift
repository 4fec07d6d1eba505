import CanonicalJSON
import CertificateRendering
import Foundation
import IssuerCore
import VerifiableCredentials

extension CertificateContent {
    /// What a certificate shows, read from the signed credential alone, so that what is printed
    /// is what was signed. Presentation (signatory) comes from the program's branding.
    public init(signedCredential credential: JSONValue, signatoryName: String? = nil, signatoryTitle: String? = nil) throws(IssuerError) {
        let subject = credential["credentialSubject"]?.asArray.first
        guard let learnerName = subject?["name"].flatMap(Self.text) else {
            throw IssuerError(.unprintableCredential, "the credential has no credentialSubject.name to print")
        }
        guard let achievementName = subject?["achievement"]?["name"].flatMap(Self.text) ?? credential["name"].flatMap(Self.text) else {
            throw IssuerError(.unprintableCredential, "the credential names no achievement")
        }
        guard let id = credential["id"]?.stringValue, let validFromText = credential["validFrom"]?.stringValue,
            let issuedOn = DateTimeStamp.parse(validFromText)
        else { throw IssuerError(.unprintableCredential, "the credential needs an id and a validFrom to be printed") }
        let issuer = credential["issuer"]
        let modules: [TrainingModuleLine] = (credential["evidence"]?.asArray ?? []).compactMap { evidence in
            guard let name = evidence["name"].flatMap(Self.text), let narrative = evidence["narrative"]?.stringValue,
                narrative.hasPrefix("Completed on "), let date = DateTimeStamp.parse(narrative.dropFirst(13).prefix(10) + "T00:00:00Z")
            else { return nil }
            // Compliance certificates sign "Completed on DAY, expires on DAY".
            let expiry = narrative.range(of: ", expires on ").flatMap {
                DateTimeStamp.parse(narrative[$0.upperBound...].prefix(10) + "T00:00:00Z")
            }
            return TrainingModuleLine(name: name, completedOn: date, expiresOn: expiry)
        }
        self.init(
            learnerName: learnerName, achievementName: achievementName,
            achievementDescription: subject?["achievement"]?["description"].flatMap(Self.text),
            issuerName: issuer?["name"].flatMap(Self.text) ?? issuer?.stringValue ?? issuer?["id"]?.stringValue ?? "",
            issuedOn: issuedOn, validUntil: credential["validUntil"]?.stringValue.flatMap(DateTimeStamp.parse),
            result: subject?["result"]?.asArray.first?["value"]?.stringValue.map { "Score: \($0)" },
            modules: modules, verificationURL: id, passcode: CertificatePasscode.derive(from: credential),
            credentialID: String(id.split(separator: "/").last ?? Substring(id)), signatoryName: signatoryName,
            signatoryTitle: signatoryTitle)
    }

    private static func text(_ value: JSONValue) -> String? {
        value.stringValue ?? value.asArray.lazy.compactMap { $0.stringValue ?? $0["@value"]?.stringValue }.first
    }
}
