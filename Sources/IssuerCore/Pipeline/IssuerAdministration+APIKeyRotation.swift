import CanonicalJSON
import Foundation
import VerifiableCredentials

/// Rotating an API key: a new token, with the old one kept working for an overlap so the systems
/// that hold it can switch without a gap.
extension IssuerAdministration {
    /// Gives key `id` the token whose SHA-256 is `newTokenHash` (the caller made the token and shows
    /// it once); the current token keeps working for `overlap` seconds (0: it stops at once), and a
    /// token from an earlier rotation stops now. Audited as `apiKey.rotated` with the overlap's end,
    /// never a token or hash. Throws `notFound` for an unknown id, `invalidState` for a revoked or
    /// expired key, `invalidRequest` for an overlap outside 0…30 days.
    @discardableResult
    public func rotateAPIKey(id: String, newTokenHash: String, overlap: TimeInterval = APIKeyRecord.defaultRotationOverlap)
        async throws -> APIKeyRecord
    {
        try APIKeyRecord.checkRotationOverlap(overlap)
        let recorder = try await environment.auditRecorder(actor: actor)
        return try await environment.store.write { transaction in
            guard let key = try transaction.apiKey(id: id) else { throw IssuerError(.notFound, "there is no API key \(id)") }
            guard key.isUsable(at: recorder.at) else {
                throw IssuerError(.invalidState, "API key \(id) is revoked or expired, so it cannot be rotated; create a new key")
            }
            let rotated = key.rotated(to: newTokenHash, at: recorder.at, overlap: overlap)
            try transaction.saveAPIKey(rotated)
            var data: JSONObject = [
                "name": .string(key.name), "role": .string(key.role.rawValue), "overlapSeconds": .number(overlap.rounded()),
            ]
            if let until = rotated.previousTokenValidUntil { data["previousTokenValidUntil"] = .string(DateTimeStamp.format(until)) }
            try recorder.record("apiKey.rotated", subject: key.id, data: .object(data), in: transaction)
            return rotated
        }
    }
}
