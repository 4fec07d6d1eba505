import CanonicalJSON
import Foundation
import IssuerCore
import VerifiableCredentials

/// The JSON shapes of the API (described in `Spec/openapi.yaml`).
enum APIRepresentation {
    /// A credential record without its documents; `url` is its public verification page.
    static func credential(_ record: CredentialRecord, issuer: IssuerProfile) -> JSONValue {
        credential(CredentialRecordSummary(record), issuer: issuer)
    }

    /// A credential in API answers, from its summary (listings read no files).
    static func credential(_ record: CredentialRecordSummary, issuer: IssuerProfile) -> JSONValue {
        var object: JSONObject = [
            "id": .string(record.id), "url": .string(CredentialBuilder(issuer: issuer).verificationURL(credentialID: record.id)),
            "state": .string(record.state.rawValue), "learnerId": .string(record.learnerID), "program": .string(record.programID),
            "programVersion": .number(Double(record.programVersion)), "completionId": .string(record.completionID),
            "issuedAt": .string(DateTimeStamp.format(record.issuedAt)),
        ]
        if let validUntil = record.validUntil { object["validUntil"] = .string(DateTimeStamp.format(validUntil)) }
        if let reason = record.stateReason { object["stateReason"] = .string(reason) }
        if let by = record.supersededBy { object["supersededBy"] = .string(by) }
        if let previous = record.supersedes { object["supersedes"] = .string(previous) }
        return .object(object)
    }

    /// A completion as intake and review answer it.
    static func intake(_ completion: CompletionRecord, credentialID: String?) -> JSONValue {
        var object: JSONObject = [
            "completionId": .string(completion.id), "eventId": .string(completion.event.eventID),
            "source": .string(completion.event.source),
            "program": .string(completion.event.programID), "learnerId": .string(completion.learnerID),
            "state": .string(completion.state.rawValue),
            "reasons": .array(completion.reasons.map(JSONValue.string)), "receivedAt": .string(DateTimeStamp.format(completion.receivedAt)),
        ]
        if let credentialID { object["credentialId"] = .string(credentialID) }
        if let reviewer = completion.reviewedBy { object["reviewedBy"] = .string(reviewer) }
        return .object(object)
    }

    /// One audit entry as a JSON line, the same shape as `attest audit export`.
    static func auditLine(_ entry: AuditEntry) -> String {
        let json: JSONValue = [
            "sequence": .number(Double(entry.sequence)), "at": .string(DateTimeStamp.format(entry.at)), "kind": .string(entry.kind),
            "actor": .string(entry.actor), "subject": .string(entry.subject), "data": .string(entry.data),
            "previousHash": .string(entry.previousHash), "hash": .string(entry.hash), "keyID": .string(entry.keyID),
            "signature": .string(entry.signature),
        ]
        return json.serialized()
    }
}
