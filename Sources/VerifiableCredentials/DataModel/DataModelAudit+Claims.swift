import CanonicalJSON
import Foundation

/// Issuer, subjects and validity period: VC 2.0 §4.7, §4.8 and §4.9.
extension DataModelAudit {
    mutating func checkIssuer() {
        let path = JSONPointer.root.appending("issuer")
        switch credential["issuer"] {
        case nil:
            report("issuer.missing", path, "the credential has no issuer")
        case .string?:
            checkIdentifier(credential["issuer"]!, at: path, rule: "issuer.id", owner: "the issuer")
        case .object(let issuer)?:
            if let id = issuer["id"] {
                checkIdentifier(id, at: path.appending("id"), rule: "issuer.id", owner: "the issuer")
            } else {
                report("issuer.id", path.appending("id"), "an issuer object must have an id that is a URL")
            }
            checkLanguageStrings(in: issuer, at: path)
        case let other?:
            report("issuer.value", path, "the issuer must be a URL or an object with an id, not \(other.typeName)")
        }
    }

    mutating func checkCredentialSubjects() {
        let path = JSONPointer.root.appending("credentialSubject")
        guard let value = credential["credentialSubject"] else {
            report("credentialSubject.missing", path, "the credential has no credentialSubject")
            return
        }
        let subjects = value.asArray
        if subjects.isEmpty {
            report("credentialSubject.empty", path, "credentialSubject is an empty array; a credential makes at least one claim")
        }
        for (index, subject) in subjects.enumerated() {
            let subjectPath = value.arrayValue == nil ? path : path.appending(index)
            guard let object = subject.objectValue else {
                report("credentialSubject.value", subjectPath, "each credentialSubject must be an object, not \(subject.typeName)")
                continue
            }
            if object.isEmpty {
                report("credentialSubject.empty", subjectPath, "a credentialSubject must make at least one claim; this one is empty")
            }
            if let id = object["id"] {
                checkIdentifier(id, at: subjectPath.appending("id"), rule: "credentialSubject.id", owner: "the credential subject")
            }
        }
    }

    mutating func checkValidityPeriod() {
        let validFrom = checkedTimestamp("validFrom")
        let validUntil = checkedTimestamp("validUntil")
        if let validFrom, let validUntil, validFrom > validUntil {
            report(
                "validity.order", JSONPointer.root.appending("validUntil"),
                "validUntil (\(credential["validUntil"]!.stringValue!)) is before validFrom (\(credential["validFrom"]!.stringValue!))")
        }
    }

    /// The instant a `validFrom`/`validUntil` names, reporting a value that is not a dateTimeStamp.
    private mutating func checkedTimestamp(_ property: String) -> Date? {
        guard let value = credential[property] else { return nil }
        let path = JSONPointer.root.appending(property)
        guard let text = value.stringValue else {
            report("\(property).format", path, "\(property) must be a dateTimeStamp string, not \(value.typeName)")
            return nil
        }
        guard let date = DateTimeStamp.parse(text) else {
            report(
                "\(property).format", path,
                "\(property) \"\(text)\" is not an XML Schema dateTimeStamp (e.g. 2026-01-15T08:30:00Z; a time zone is required)")
            return nil
        }
        return date
    }
}
