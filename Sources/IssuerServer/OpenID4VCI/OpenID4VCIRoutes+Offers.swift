import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import IssuerCore
import Pages
import VerifiableCredentials

/// Making credential offers: staff and systems through the API (`POST /api/v1/wallet/offers`,
/// roles `admin` and `issuer`), a learner through their own portal link
/// (`POST /learner/{token}/wallet/{credentialID}`). Either way the transaction code goes to the
/// learner's address by email, never to whoever asked for the offer.
extension OpenID4VCIRoutes {
    func registerOffers(on router: Router<IssuerRequestContext>) {
        let api = router.group("api/v1").add(middleware: APIKeyAuthenticator(store: server.environment.store, now: server.environment.now))
        api.post("wallet/offers") { request, context in try await createOffer(request, context: context) }
        router.post("learner/:token/wallet/:credential") { _, context in try await learnerOffer(context) }
    }

    /// `{"credentialId": …}` or `{"completionId": …}` (a completion held for review: deferred issuance).
    func createOffer(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.changers)
        let body = try await server.jsonObject(request)
        let subject: CredentialOfferSubject
        // By member, not by string value: a member of another type is refused, never read as absent.
        switch (body["credentialId"], body["completionId"]) {
        case (.string(let id)?, nil) where PublicRoutes.isPlainIdentifier(id): subject = .credential(id: id)
        case (nil, .string(let id)?) where PublicRoutes.isPlainIdentifier(id): subject = .completion(id: id)
        default: throw Problem(.badRequest, .badRequest, "send exactly one of credentialId and completionId")
        }
        let created = try await issuance.createOffer(for: subject, actor: "api:\(key.name)")
        return Response.json(json(created), status: .created)
    }

    /// The learner's own portal link offers one of their credentials and shows the offer to open in a wallet.
    func learnerOffer(_ context: IssuerRequestContext) async throws -> Response {
        let portal = LearnerPortalRoutes(server: server)
        let token = try await portal.verifiedToken(context)
        let credentialID = try RequestValues.identifier(context, "credential", name: "credential")
        let own = try await portal.credentials(of: token).contains { $0.0.id == credentialID }
        guard own else { throw Problem(.notFound, .notFound, "there is no credential of yours with that id") }
        let created = try await issuance.createOffer(for: .credential(id: credentialID), actor: "learner:\(token.email)")
        let link = OpenID4VCIMetadata.offerURL(server.issuer, code: created.code)
        return .html(
            Self.offerPage(issuerName: server.issuer.name, link: link, expiresAt: created.offer.expiresAt),
            headers: [.cacheControl: "no-store"])
    }

    func json(_ created: OpenID4VCIIssuance.CreatedOffer) -> JSONValue {
        [
            "id": .string(created.offer.id),
            "offerUrl": .string(OpenID4VCIMetadata.offerURL(server.issuer, code: created.code)),
            "credentialOfferUri": .string(OpenID4VCIMetadata.offerURI(server.issuer, code: created.code)),
            "expiresAt": .string(DateTimeStamp.format(created.offer.expiresAt)),
            "state": .string(created.offer.state.rawValue),
        ]
    }

    /// A small page with the offer link; the transaction code is in the learner's email.
    static func offerPage(issuerName: String, link: String, expiresAt: Date) -> String {
        let until = DateTimeStamp.format(expiresAt).prefix(16).replacingOccurrences(of: "T", with: " ") + " UTC"
        let name = HTMLEscaping.escape(issuerName)
        let href = HTMLEscaping.escape(link)
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Add your certificate to a wallet — \(name)</title></head>
            <body><main style="max-width:40rem;margin:0 auto;padding:1rem;font-family:sans-serif;line-height:1.5">
            <h1>Add your certificate to a wallet</h1>
            <p>Open this link on the phone with your wallet (an OpenID4VCI wallet), or copy it into the wallet:</p>
            <p><a href="\(href)">Open in my wallet</a></p>
            <p style="word-break:break-all;font-family:monospace">\(href)</p>
            <p>The wallet will ask for a code: we have emailed it to you. The offer works once, until \(HTMLEscaping.escape(until)).</p>
            </main></body></html>

            """
    }
}
