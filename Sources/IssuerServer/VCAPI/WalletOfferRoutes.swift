import CanonicalJSON
import Foundation
import Hummingbird
import IssuerCore
import VerifiableCredentials

/// Who may open wallet exchanges (issue 21 point 4):
/// - the learner, through their own link: `GET /c/{id}/wallet?claim=TOKEN` (a page with one button)
///   and `POST` to the same URL, which opens a VC-API exchange and a DCC request link and shows
///   their QR codes and links. The claim token is the one in the certificate email; the learner
///   portal links here with it;
/// - staff and systems: `POST /api/v1/credentials/{id}/wallet-exchanges` with an `admin` or
///   `issuer` API key.
struct WalletOfferRoutes {
    let server: IssuerServer
    var environment: IssuerEnvironment { server.environment }

    func register(on router: Router<IssuerRequestContext>) {
        router.get("c/:id/wallet") { request, context in try await start(request, context: context) }
        router.post("c/:id/wallet") { request, context in try await learnerOffer(request, context: context) }
        let api = router.group("api/v1").add(middleware: APIKeyAuthenticator(store: environment.store, now: environment.now))
        api.post("credentials/:id/wallet-exchanges") { _, context in try await apiOffer(context: context) }
    }

    /// The credential a learner's link names, when its claim token is valid; 404 otherwise (the
    /// same answer for an unknown credential and a wrong token).
    func ownCredential(_ request: Request, context: IssuerRequestContext) async throws -> CredentialRecordSummary {
        let id = try RequestValues.identifier(context, "credential")
        let notYours = Problem(.notFound, .notFound, "open this page from the link in your certificate email")
        guard let token = request.uri.queryParameters.get("claim"),
            try await ClaimTokens(store: environment.store, random: environment.random).isValid(String(token), credentialID: id),
            let summary = try await environment.store.read({ try $0.credentialSummary(id: id) })
        else { throw notYours }
        return summary
    }

    /// The page with the button (a GET makes nothing, so link scanners in mail systems make no offers).
    func start(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let summary = try await ownCredential(request, context: context)
        let name = try await credentialName(summary.id)
        let action = "/c/\(summary.id)/wallet?claim=\(request.uri.queryParameters.get("claim") ?? "")"
        return .html(
            WalletPages.startPage(issuerName: server.issuer.name, credentialName: name, formAction: action),
            headers: [.cacheControl: "no-store"])
    }

    /// Opens the exchanges for the learner and shows them.
    func learnerOffer(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let summary = try await ownCredential(request, context: context)
        let offer = try await open(credentialID: summary.id, actor: "learner:\(summary.learnerID)")
        return .html(WalletPages.offerPage(issuerName: server.issuer.name, offer: offer), headers: [.cacheControl: "no-store"])
    }

    /// `201 {interactionUrl, interaction, exchangeUrl, lcwRequestUrl, dccRequestUrl, credentialRequestUrl, expiresAt}`.
    func apiOffer(context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.changers)
        let id = try RequestValues.identifier(context, "credential")
        let offer = try await open(credentialID: id, actor: "api:\(key.name)")
        let body: JSONValue = [
            "interactionUrl": .string(offer.vcapi.interactionURL), "interaction": .string(offer.vcapi.interactionSchemeURL),
            "exchangeUrl": .string(offer.vcapi.exchangeURL),
            "lcwRequestUrl": .string(offer.request.lcwRequestLink(issuerDID: offer.issuerDID, challenge: offer.requestChallenge)),
            "dccRequestUrl": .string(offer.request.dccRequestLink(issuerDID: offer.issuerDID, challenge: offer.requestChallenge)),
            "credentialRequestUrl": .string(offer.request.credentialRequestURL),
            "challenge": .string(offer.requestChallenge), "expiresAt": .string(DateTimeStamp.format(offer.expiresAt)),
        ]
        return Response.json(body, status: .created)
    }

    /// A VC-API exchange and a DCC request link for one credential.
    func open(credentialID: String, actor: String) async throws -> WalletPages.Offer {
        let exchanges = WalletExchanges(environment: environment)
        let vcapi = try await exchanges.open(credentialID: credentialID, via: .vcapi, actor: actor)
        let request = try await exchanges.open(credentialID: credentialID, via: .lcwRequest, actor: actor)
        return WalletPages.Offer(
            credentialName: try await credentialName(credentialID),
            vcapi: WalletExchangeLinks(issuer: server.issuer, exchangeID: vcapi.id),
            request: WalletExchangeLinks(issuer: server.issuer, exchangeID: request.id), requestChallenge: request.record.challenge ?? "",
            issuerDID: server.issuer.did, expiresAt: vcapi.record.expiresAt)
    }

    /// The achievement's name as the signed credential says it.
    func credentialName(_ id: String) async throws -> String {
        let bytes = try await environment.store.read { try $0.credentialDocument(.json, credentialID: id) }
        let json = bytes.flatMap { try? JSONValue.parse(bytes: Array($0)) }
        return json?["name"]?.stringValue ?? json?["credentialSubject"]?["achievement"]?["name"]?.stringValue ?? "your certificate"
    }
}

extension WalletOfferRoutes {
    /// The verification page as the learner sees it through their own link (`/c/{id}?claim=TOKEN`,
    /// a valid token, an active credential): the public page with an "Add to a wallet" section
    /// before its end. `nil` for everyone else, who get the public (cached) page. Never cached
    /// itself, since it carries the learner's token.
    func personalVerificationPage(_ request: Request, record: CredentialRecord, publicPage: ByteBuffer) async -> Response? {
        guard request.method == .get, record.state == .active, let token = request.uri.queryParameters.get("claim"),
            (try? await ClaimTokens(store: environment.store, random: environment.random).isValid(String(token), credentialID: record.id))
                == true
        else { return nil }
        let html = String(buffer: publicPage)
        guard let end = html.range(of: "</main>", options: .backwards) else { return nil }
        let link = "/c/\(record.id)/wallet?claim=\(token)"
        let section = WalletPages.verificationPageSection(walletPageLink: link, baseURL: server.issuer.baseURL)
        return .html(html.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: section), headers: [.cacheControl: "no-store"])
    }
}
