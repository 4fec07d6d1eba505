import Foundation
import HTTPTypes
import Hummingbird
import IssuerCore

extension PublicRoutes {
    /// `/c/{id}/badge.png` and `/c/{id}/badge.svg`: the signed credential baked into an Open Badges
    /// image. Public, like `/c/{id}.json`: the same rate limit on unknown ids and the same 404s.
    func registerBadges(on router: Router<IssuerRequestContext>) {
        for format in BakedBadgeFormat.allCases {
            router.get("c/:id/badge.\(format.rawValue)") { request, context in
                try await badge(request, context: context, format: format)
            }
            router.head("c/:id/badge.\(format.rawValue)") { request, context in
                try await badge(request, context: context, format: format).withoutBody()
            }
        }
    }

    func badge(_ request: Request, context: IssuerRequestContext, format: BakedBadgeFormat) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        guard Self.isPlainIdentifier(id) else { throw Problem(.notFound, .notFound, "there is no such credential") }
        if let wait = await server.credentialMissLimiter.admit(client: context.clientAddress, now: server.environment.now()) {
            throw Problem(
                .tooManyRequests, .tooManyRequests, "too many unknown certificate addresses from here; try again in \(wait) seconds",
                retryAfter: wait)
        }
        guard let record = try await server.environment.store.read({ try $0.credential(id: id) }), record.isSigned else {
            await server.credentialMissLimiter.charge(client: context.clientAddress, now: server.environment.now())
            throw Problem(.notFound, .notFound, "there is no credential \(id)")
        }
        guard let image = try await server.environment.bakedBadge(for: record, format: format) else {
            throw Problem(.notFound, .notFound, "credential \(id) has no badge image")
        }
        return .bytes(
            image, contentType: format.contentType,
            headers: [.contentDisposition: "inline; filename=\"badge-\(id).\(format.rawValue)\"", .cacheControl: "no-cache"])
    }
}
