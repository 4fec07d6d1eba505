import CanonicalJSON
import Foundation
import IssuerCore
import VerifiableCredentials

/// The JSON body of an outbound webhook:
/// `{"id", "type", "createdAt", "data": {"credentialId", "url", "learner", "program", "state"}}`
/// (`completionId` instead of `credentialId` and `url` for `completion.held_for_review`).
/// Keys are sorted (RFC 8785), so the bytes are reproducible.
enum WebhookPayload {
    static func body(
        id: String, event: String, createdAt: Date, credential: CredentialRecord?, completion: CompletionRecord?, learner: Learner?,
        program: Program?, issuer: IssuerProfile, extra: JSONObject = [:]
    ) -> [UInt8] {
        var data: JSONObject = extra
        if let credential {
            data["credentialId"] = .string(credential.id)
            data["url"] = .string(issuer.verificationURL(credentialID: credential.id))
            data["state"] = .string(credential.state.rawValue)
            data["issuedAt"] = .string(DateTimeStamp.format(credential.issuedAt))
            if let supersedes = credential.supersedes { data["supersedes"] = .string(supersedes) }
            if let claimedAt = credential.claimedAt { data["claimedAt"] = .string(DateTimeStamp.format(claimedAt)) }
        }
        if let completion, credential == nil {
            data["completionId"] = .string(completion.id)
            data["state"] = .string(completion.state.rawValue)
            data["reasons"] = .array(completion.reasons.map { .string($0) })
        }
        if let learner {
            data["learner"] = .object([
                "id": .string(learner.id), "externalId": .string(learner.externalID), "email": .string(learner.email),
                "name": .string(learner.certificateName),
            ])
        }
        if let program {
            data["program"] = .object([
                "id": .string(program.id), "version": .number(Double(program.version)), "name": .string(program.achievement.name),
            ])
        }
        let body: JSONValue = .object([
            "id": .string(id), "type": .string(event), "createdAt": .string(DateTimeStamp.format(createdAt)), "data": .object(data),
        ])
        return body.canonicalBytes
    }
}
