import Foundation
import Hummingbird
import IssuerCore

/// Checks `Authorization: Bearer TOKEN` against the stored SHA-256 of API keys; a missing, unknown,
/// revoked or expired key is a 401. The key is read from the store on every request (nothing
/// caches it), so a revocation takes effect on the next request. The key goes into the context
/// for the role checks of each route; its `lastUsedAt` is written at most once a minute.
struct APIKeyAuthenticator: RouterMiddleware {
    typealias Context = IssuerRequestContext
    let store: any IssuerStore
    /// The clock expiry and last use are measured with.
    var now: @Sendable () -> Date = { Date() }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.count <= 512, header.lowercased().hasPrefix("bearer ") else {
            throw Problem(.unauthorized, .unauthorized, "send an API key: Authorization: Bearer TOKEN (attest api-keys create)")
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        let hash = APIKeyToken.hash(token)
        // Looking up by hash means the comparison never touches the secret token itself.
        let now = self.now()
        guard let key = try await store.read({ try $0.apiKey(tokenHash: hash) }), key.isUsable(at: now) else {
            throw Problem(.unauthorized, .unauthorized, "the API key is not valid")
        }
        if key.lastUsedAt.map({ now.timeIntervalSince($0) >= APIKeyRecord.lastUsedGranularity || now < $0 }) ?? true {
            // Bookkeeping only: a failure to note the time must not refuse the request.
            try? await store.write { try $0.markAPIKeyUsed(id: key.id, at: now) }
        }
        var context = context
        context.apiKey = key
        context.logger[metadataKey: "apiKey"] = "\(key.id)"
        return try await next(request, context)
    }
}

extension IssuerRequestContext {
    /// The authenticated key, if its role is one of `roles`; otherwise a 403.
    func requireRole(_ roles: Set<APIRole>) throws -> APIKeyRecord {
        guard let key = apiKey else { throw Problem(.unauthorized, .unauthorized, "send an API key") }
        guard roles.contains(key.role) else {
            throw Problem(
                .forbidden, .forbidden,
                "a key with role \(key.role.rawValue) may not do this; it needs \(roles.map(\.rawValue).sorted().joined(separator: " or "))"
            )
        }
        return key
    }
}

extension Set where Element == APIRole {
    /// Roles that may read.
    static let readers: Set<APIRole> = [.admin, .issuer, .viewer]
    /// Roles that may change credentials and decide reviews.
    static let changers: Set<APIRole> = [.admin, .issuer]
    /// Roles that may post completion events.
    static let reporters: Set<APIRole> = [.admin, .issuer, .lms]
}
