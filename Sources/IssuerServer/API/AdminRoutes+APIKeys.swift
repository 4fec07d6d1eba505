import CanonicalJSON
import Foundation
import Hummingbird
import IssuerCore
import VerifiableCredentials

/// `GET /api/v1/api-keys` and revoking a key (`POST /api/v1/api-keys/{id}/revoke`, or
/// `DELETE /api/v1/api-keys/{id}`): admin only. A revoked key is refused from the next request on.
extension AdminRoutes {
    func registerAPIKeys(on api: RouterGroup<IssuerRequestContext>) {
        api.get("api-keys") { _, context in try await listAPIKeys(context: context) }
        api.post("api-keys/:id/revoke") { _, context in try await revokeAPIKey(context: context) }
        api.delete("api-keys/:id") { _, context in try await revokeAPIKey(context: context) }
    }

    func listAPIKeys(context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole([.admin])
        let keys = try await environment.store.read { try $0.apiKeys() }
        let now = environment.now()
        return .json(["apiKeys": .array(keys.map { APIRepresentation.apiKey($0, now: now) })])
    }

    func revokeAPIKey(context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole([.admin])
        let id = context.parameters.get("id") ?? ""
        guard PublicRoutes.isPlainIdentifier(id) else {
            throw Problem(.notFound, .notFound, "there is no API key \(String(id.prefix(64)))")
        }
        do {
            let revoked = try await IssuerAdministration(environment: environment, actor: "api:\(key.name)").revokeAPIKey(id: id)
            return .json(APIRepresentation.apiKey(revoked, now: environment.now()))
        } catch let error as IssuerError where error.code == .notFound {
            throw Problem(.notFound, .notFound, error.reason)
        }
    }
}

extension APIRepresentation {
    /// An API key as `GET /api-keys` shows it: never its token hash or HMAC secret, only whether it has one.
    static func apiKey(_ key: APIKeyRecord, now: Date) -> JSONValue {
        var object: JSONObject = [
            "id": .string(key.id), "name": .string(key.name), "role": .string(key.role.rawValue),
            "state": .string(key.revokedAt != nil ? "revoked" : key.isUsable(at: now) ? "active" : "expired"),
            "hmac": .bool(key.hmacSecret != nil), "requiresHmac": .bool(key.refusesUnsignedEvents),
            "createdAt": .string(DateTimeStamp.format(key.createdAt)),
        ]
        if let date = key.expiresAt { object["expiresAt"] = .string(DateTimeStamp.format(date)) }
        if let date = key.revokedAt { object["revokedAt"] = .string(DateTimeStamp.format(date)) }
        if let date = key.lastUsedAt { object["lastUsedAt"] = .string(DateTimeStamp.format(date)) }
        if let address = key.lastUsedAddress { object["lastUsedAddress"] = .string(address) }
        object["allowedNetworks"] = .array(key.allowedNetworks.map { .string($0.description) })
        if let date = key.previousTokenValidUntil, key.acceptsPreviousToken(at: now) {
            object["previousTokenValidUntil"] = .string(DateTimeStamp.format(date))
        }
        return .object(object)
    }
}
