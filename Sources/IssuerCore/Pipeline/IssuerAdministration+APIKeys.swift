import CanonicalJSON
import Foundation
import VerifiableCredentials

/// API keys, made and withdrawn with an audit entry each (the CLI and the admin API both call these).
extension IssuerAdministration {
    /// Stores a new key (made by the caller, who shows its token once) and audits it; the secret
    /// and the token hash are never written into the audit trail.
    public func createAPIKey(_ key: APIKeyRecord) async throws {
        let recorder = try await environment.auditRecorder(actor: actor)
        try await environment.store.write { transaction in
            try transaction.saveAPIKey(key)
            var data: JSONObject = [
                "name": .string(key.name), "role": .string(key.role.rawValue), "hmac": .bool(key.hmacSecret != nil),
                "requiresHMAC": .bool(key.requiresHMAC),
            ]
            if let expiresAt = key.expiresAt { data["expiresAt"] = .string(DateTimeStamp.format(expiresAt)) }
            if !key.allowedNetworks.isEmpty { data["allowedNetworks"] = .array(key.allowedNetworks.map { .string($0.description) }) }
            try recorder.record("apiKey.created", subject: key.id, data: .object(data), in: transaction)
        }
    }

    /// Revokes key `id` at once: every later request with it is a 401 (the server reads keys on
    /// each request and caches none). Revoking a revoked key changes nothing and returns it as it is.
    /// Throws `notFound` for an unknown id.
    @discardableResult
    public func revokeAPIKey(id: String) async throws -> APIKeyRecord {
        let recorder = try await environment.auditRecorder(actor: actor)
        return try await environment.store.write { transaction in
            guard var key = try transaction.apiKey(id: id) else { throw IssuerError(.notFound, "there is no API key \(id)") }
            guard key.revokedAt == nil else { return key }
            key.revokedAt = recorder.at
            try transaction.saveAPIKey(key)
            try recorder.record(
                "apiKey.revoked", subject: key.id, data: ["name": .string(key.name), "role": .string(key.role.rawValue)], in: transaction)
            return key
        }
    }
}
