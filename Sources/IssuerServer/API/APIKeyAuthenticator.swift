import Foundation
import Hummingbird
import IssuerCore
import VerifiableCredentials

/// Checks `Authorization: Bearer TOKEN` against the stored SHA-256 of API keys; a missing, unknown,
/// revoked or expired key is a 401 (`apiKeyExpired` for one that expired), and so is the token a
/// rotation replaced once its overlap has ended (`apiKeyRotated`). A key with an allow-list is
/// refused with 403 (`addressNotAllowed`) from any other client address: the TCP peer, or the
/// client a configured trusted proxy names (``ClientAddressMiddleware`` runs first; without
/// `--trusted-proxy` no forwarding header is read). The key is read from the store on every
/// request (nothing caches it), so a revocation takes effect on the next request. The key goes
/// into the context for the role checks of each route; its `lastUsedAt` and `lastUsedAddress`
/// are written at most once a minute.
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
        let key = try await Self.key(tokenHash: hash, store: store, now: now)
        guard key.allows(clientAddress: context.clientAddress) else {
            throw Problem(
                .forbidden, .addressNotAllowed,
                "the API key \(key.id) may not be used from \(String(context.clientAddress.prefix(64))); an administrator can add this address to its allow-list"
            )
        }
        if key.lastUsedAt.map({ now.timeIntervalSince($0) >= APIKeyRecord.lastUsedGranularity || now < $0 }) ?? true {
            // Bookkeeping only: a failure to note the time must not refuse the request.
            let address = context.clientAddress
            try? await store.write { try $0.markAPIKeyUsed(id: key.id, at: now, from: address) }
        }
        var context = context
        context.apiKey = key
        context.logger[metadataKey: "apiKey"] = "\(key.id)"
        return try await next(request, context)
    }

    /// The key whose current token, or previous token still in its rotation overlap, hashes to
    /// `tokenHash`; otherwise the 401 that says why.
    static func key(tokenHash: String, store: any IssuerStore, now: Date) async throws -> APIKeyRecord {
        let (current, previous) = try await store.read { reading -> (APIKeyRecord?, APIKeyRecord?) in
            if let key = try reading.apiKey(tokenHash: tokenHash) { return (key, nil) }
            return (nil, try reading.apiKey(previousTokenHash: tokenHash))
        }
        if let previous {
            guard previous.acceptsPreviousToken(at: now) else {
                throw Problem(
                    .unauthorized, .apiKeyRotated,
                    "this token of API key \(previous.id) was replaced by a rotation and stopped working; use the new token")
            }
            return try usable(previous, now: now)
        }
        guard let current else { throw Problem(.unauthorized, .unauthorized, "the API key is not valid") }
        return try usable(current, now: now)
    }

    static func usable(_ key: APIKeyRecord, now: Date) throws -> APIKeyRecord {
        guard key.revokedAt == nil else { throw Problem(.unauthorized, .unauthorized, "the API key is not valid") }
        if let expiresAt = key.expiresAt, now >= expiresAt {
            throw Problem(
                .unauthorized, .apiKeyExpired,
                "the API key \(key.id) expired at \(DateTimeStamp.format(expiresAt)); an administrator can create a new one")
        }
        return key
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
