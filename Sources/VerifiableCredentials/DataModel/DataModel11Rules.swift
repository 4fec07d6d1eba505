import CanonicalJSON
import Foundation

/// The VC Data Model 1.1 rules, for verifying credentials from older issuers and wallets (first
/// context `https://www.w3.org/2018/credentials/v1`, `issuanceDate`, `expirationDate`). Attest
/// issues 2.0 only; a verifier still meets 1.1 credentials in the wild.
enum DataModel11Rules {
    static let baseContext = "https://www.w3.org/2018/credentials/v1"

    static func violations(in credential: JSONObject) -> [DataModelViolation] {
        var found: [DataModelViolation] = []
        func report(_ rule: String, _ path: String, _ message: String) {
            found.append(DataModelViolation(rule: rule, path: path, message: message))
        }
        let types = credential["type"]?.asArray ?? []
        if !types.contains(.string("VerifiableCredential")) || types.contains(where: { $0.stringValue == nil }) {
            report("type.missing-base", "/type", "type must list VerifiableCredential, as strings")
        }
        let issuer = credential["issuer"]
        if (issuer?.stringValue ?? issuer?["id"]?.stringValue).map(AbsoluteURL.isValid) != true {
            report("issuer.id", "/issuer", "issuer must be a URL or an object whose id is a URL")
        }
        let subjects = credential["credentialSubject"]?.asArray ?? []
        if subjects.isEmpty || subjects.contains(where: { $0.objectValue?.isEmpty ?? true }) {
            report("credentialSubject.empty", "/credentialSubject", "credentialSubject must be one or more objects with claims")
        }
        for property in ["issuanceDate", "expirationDate"] {
            guard let value = credential[property] else {
                if property == "issuanceDate" {
                    report("issuanceDate.missing", "/issuanceDate", "a VC 1.1 credential needs an issuanceDate")
                }
                continue
            }
            if value.stringValue.flatMap(DateTimeStamp.parseAllowingLocalTime) == nil {
                report("\(property).format", "/\(property)", "\(property) must be an XML Schema dateTime")
            }
        }
        return found
    }
}

extension DateTimeStamp {
    /// A dateTime with or without a time zone (VC 1.1 allows both; no zone is read as UTC).
    static func parseAllowingLocalTime(_ text: String) -> Date? {
        parse(text) ?? parse(text + "Z")
    }
}
