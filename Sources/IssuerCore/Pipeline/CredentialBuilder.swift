import CanonicalJSON
import Ed25519
import Foundation
import VerifiableCredentials

/// Builds the unsigned Open Badges 3.0 `OpenBadgeCredential` of a credential record, as
/// `Spec/credential-profile.md` describes it. Deterministic: the same inputs give the same JSON.
public struct CredentialBuilder: Sendable {
    /// The Open Badges context every certificate carries second.
    public static let openBadgesContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

    public let issuer: IssuerProfile

    /// A builder for one issuer.
    public init(issuer: IssuerProfile) {
        self.issuer = issuer
    }

    /// The permanent verification URL of a credential id.
    public func verificationURL(credentialID: String) -> String { issuer.verificationURL(credentialID: credentialID) }

    /// The status list credential URL of a list id.
    public func statusListURL(listID: String) -> String { "\(issuer.baseURL)/status/\(listID)" }

    /// The unsigned credential.
    public func credential(for record: CredentialRecord, program: Program, learner: Learner, completion: CompletionEvent) -> JSONValue {
        let url = verificationURL(credentialID: record.id)
        var issuerObject: JSONObject = [
            "id": .string(issuer.did), "type": ["Profile"], "name": .string(program.branding.organisation ?? issuer.name),
            "url": .string(issuer.baseURL),
        ]
        if let email = issuer.email { issuerObject["email"] = .string(email) }

        var achievement: JSONObject = [
            "id": .string("\(issuer.baseURL)/achievements/\(program.id)"), "type": ["Achievement"],
            "name": .string(program.achievement.name), "description": .string(program.achievement.description),
            "criteria": ["narrative": .string(program.achievement.criteria)],
        ]
        if let type = program.achievement.achievementType { achievement["achievementType"] = .string(type) }
        if let image = program.achievement.image { achievement["image"] = ["id": .string(image), "type": "Image"] }

        var subject: JSONObject = [
            "type": ["AchievementSubject"], "name": .string(learner.certificateName),
            "identifier": [identityObject(email: learner.email, credentialID: record.id)],
            "achievement": .object(achievement),
            // An OB 3.0 DateTime (the schema's `date-time`), not a bare date.
            "activityEndDate": .string(DateTimeStamp.format(completion.completedAt)),
        ]
        if let score = completion.score {
            subject["result"] = [["type": ["Result"], "value": .string(JSONValue.ecmaScriptString(score))]]
        }

        var credential: JSONObject = [
            "@context": [.string("https://www.w3.org/ns/credentials/v2"), .string(Self.openBadgesContext)],
            "id": .string(url),
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": .object(issuerObject),
            "name": .string(program.achievement.name),
            "validFrom": .string(DateTimeStamp.format(record.issuedAt)),
        ]
        if let validUntil = record.validUntil { credential["validUntil"] = .string(DateTimeStamp.format(validUntil)) }
        credential["credentialSubject"] = .object(subject)
        // One entry, an object: Open Badges 3.0 allows at most one (Spec/credential-profile.md, "Status").
        credential["credentialStatus"] =
            switch program.credentialStatusPurpose {
            case .revocation: statusEntry(list: record.revocationList, index: record.revocationIndex, purpose: .revocation)
            case .suspension: statusEntry(list: record.suspensionList, index: record.suspensionIndex, purpose: .suspension)
            }
        let evidence = modulesEvidence(completion: completion, program: program)
        if !evidence.isEmpty { credential["evidence"] = .array(evidence) }
        return .object(credential)
    }

    private func statusEntry(list: String, index: Int, purpose: StatusPurpose) -> JSONValue {
        let listURL = statusListURL(listID: list)
        return [
            "id": .string("\(listURL)#\(index)"), "type": "BitstringStatusListEntry", "statusPurpose": .string(purpose.rawValue),
            "statusListIndex": .string(String(index)), "statusListCredential": .string(listURL),
        ]
    }

    /// The learner's email as an Open Badges `IdentityObject`: salted SHA-256, so the public
    /// credential does not expose the address but the learner can prove it is theirs.
    private func identityObject(email: String, credentialID: String) -> JSONValue {
        let salt = credentialID
        let digest = Hex.encode(SHA256.hash(Array((email.lowercased() + salt).utf8)))
        return [
            "type": "IdentityObject", "identityType": "emailAddress", "hashed": true, "identityHash": .string("sha256$" + digest),
            "salt": .string(salt),
        ]
    }

    /// Completed modules as Open Badges `Evidence`, in the program's order, then any others.
    private func modulesEvidence(completion: CompletionEvent, program: Program) -> [JSONValue] {
        let order = Dictionary(program.rules.requiredModules.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let modules = completion.modules.sorted { (order[$0.id] ?? Int.max, $0.id) < (order[$1.id] ?? Int.max, $1.id) }
        return modules.map { module in
            ModuleEvidence(name: module.name ?? module.id, completedOn: module.completedAt, expiresOn: module.expiresAt).evidence
        }
    }
}
