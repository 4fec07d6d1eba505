import HTTPTypes
import Hummingbird
import IssuerCore

extension PublicRoutes {
    /// `/c/{id}/share/linkedin`: the "Add to LinkedIn profile" link of the page and the email,
    /// through us so the share is counted (``EngagementRecorder``): `303` to LinkedIn's
    /// add-to-profile form for a valid credential, `303` back to the page for one that is not (a
    /// revoked certificate is not offered to a profile), `404` for no credential.
    func shareOnLinkedIn(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        guard Self.isPlainIdentifier(id) else { throw Problem(.notFound, .notFound, "there is no such credential") }
        try await admitCredentialLookup(context)
        let record = try await server.environment.store.read { reading -> CredentialRecord? in
            guard let summary = try reading.credentialSummary(id: id), summary.isSigned else { return nil }
            return try reading.credential(id: id)
        }
        guard let record else {
            await chargeCredentialMiss(context)
            throw Problem(.notFound, .notFound, "there is no credential \(id)")
        }
        let page = server.issuer.verificationURL(credentialID: id)
        let now = server.environment.now()
        guard record.state == .active, record.validUntil.map({ $0 > now }) ?? true,
            let linkedIn = try SignedCredentialView(record: record)?.linkedIn(verificationURL: page, credentialID: id)
        else {
            return Response(status: .seeOther, headers: [.location: page, .cacheControl: "no-store"])
        }
        if request.method == .get { await server.engagement.record(.shared, credentialID: id, logger: context.logger) }
        return Response(status: .seeOther, headers: [.location: linkedIn.addToProfileURL, .cacheControl: "no-store"])
    }
}
