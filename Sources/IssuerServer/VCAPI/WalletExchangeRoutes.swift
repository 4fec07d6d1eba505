import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import IssuerCore
import VerifiableCredentials

/// Wallets take credentials here (issue 21 points 1 and 2):
/// - `GET /interactions/{id}?iuv=1` — the VCALM interaction URL: JSON `{"protocols": {...}}` for a
///   wallet, an HTML page for a person;
/// - `POST /exchanges/{id}` — the VC-API exchange: `{}` answers a DID authentication request,
///   `{"verifiablePresentation": …}` answers the credential bound to the holder;
/// - `POST /wallet/request/{id}` — the DCC Learner Credential Wallet's `vc_request_url`.
///
/// Exchanges are opened by the learner's own link (``WalletOfferRoutes``) or by staff through the
/// API; nothing here opens one.
struct WalletExchangeRoutes {
    let server: IssuerServer
    var environment: IssuerEnvironment { server.environment }
    var exchanges: WalletExchanges { WalletExchanges(environment: environment) }

    /// The largest body a wallet may send: a DID authentication presentation is about 1.5 KB.
    static let bodyLimit = 64 * 1024

    func register(on router: Router<IssuerRequestContext>) {
        router.get("interactions/:exchange") { request, context in try await interaction(request, context: context) }
        router.post("exchanges/:exchange") { request, context in try await exchangeStep(request, context: context) }
        router.post("wallet/request/:exchange") { request, context in try await credentialRequest(request, context: context) }
    }

    /// The `domain` a presentation must be signed for: the issuer's base URL.
    var domain: String { server.issuer.baseURL }

    func exchangeID(_ context: IssuerRequestContext) throws -> String {
        let id = context.parameters.get("exchange") ?? ""
        guard WalletExchanges.isPlausibleID(id) else {
            throw Problem(.notFound, .notFound, "there is no such wallet exchange; open a new one from the certificate's page")
        }
        return id
    }

    /// The protocols a wallet may continue with, by name: the one place another protocol is added.
    func protocols(_ links: WalletExchangeLinks) -> JSONObject {
        var protocols: JSONObject = ["vcapi": .string(links.exchangeURL)]
        if server.configuration.openID4VCI {
            protocols["OID4VCI"] = .string(OpenID4VCIMetadata.exchangeOfferURL(server.issuer, exchangeID: links.exchangeID))
        }
        return protocols
    }

    /// `GET /interactions/{id}`: JSON for `Accept: application/json`, else a page for people.
    func interaction(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let id = try exchangeID(context)
        guard let record = try await exchanges.exchange(id: id), record.walletProtocol == .vcapi else {
            throw Problem(.notFound, .notFound, "there is no such wallet exchange; open a new one from the certificate's page")
        }
        let links = WalletExchangeLinks(issuer: server.issuer, exchangeID: id)
        let accept = request.headers[.accept] ?? ""
        if accept.lowercased().contains("application/json") {
            if record.state == .completed {
                throw Problem(IssuerError(.challengeUsed, "this exchange is complete; open a new one"))
            }
            guard environment.now() < record.expiresAt else {
                throw Problem(IssuerError(.exchangeExpired, "this exchange has expired; open a new one"))
            }
            return Response.json(.object(["protocols": .object(protocols(links))]))
        }
        let page = WalletPages.interactionPage(
            issuerName: server.issuer.name, links: links, expiresAt: record.expiresAt,
            usable: record.state != .completed && environment.now() < record.expiresAt)
        return .html(page, headers: [.cacheControl: "no-store"])
    }

    /// `POST /exchanges/{id}`.
    func exchangeStep(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let id = try exchangeID(context)
        let body = try await walletBody(request)
        guard let object = body.objectValue else { throw Problem(.badRequest, .badRequest, "the body must be a JSON object") }
        if object.isEmpty {
            let (challenge, record) = try await exchanges.challenge(id: id)
            guard record.walletProtocol == .vcapi else {
                throw Problem(.notFound, .notFound, "there is no such VC-API exchange")
            }
            return Response.json(presentationRequest(id: id, challenge: challenge))
        }
        guard object.count == 1, let presentation = object["verifiablePresentation"] else {
            throw Problem(.badRequest, .badRequest, "send {} to start, then {\"verifiablePresentation\": …} signed with the challenge")
        }
        let credential = try await exchanges.complete(id: id, presentation: presentation, domain: domain)
        return Response.json([
            "verifiablePresentation": [
                "@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
                "verifiableCredential": [credential],
            ]
        ])
    }

    /// The VCALM `verifiablePresentationRequest` for DID authentication, pointing back here.
    func presentationRequest(id: String, challenge: String) -> JSONValue {
        let links = WalletExchangeLinks(issuer: server.issuer, exchangeID: id)
        return [
            "verifiablePresentationRequest": [
                "query": [
                    [
                        "type": "DIDAuthentication", "acceptedMethods": [["method": "key"]],
                        "acceptedCryptosuites": [["cryptosuite": "eddsa-rdfc-2022"], ["cryptosuite": "Ed25519Signature2020"]],
                    ]
                ],
                "challenge": .string(challenge), "domain": .string(domain),
                "interact": [
                    "service": [["type": "UnmediatedHttpPresentationService2021", "serviceEndpoint": .string(links.exchangeURL)]]
                ],
            ]
        ]
    }

    /// `POST /wallet/request/{id}`: the DCC request link. The wallet sends its DID authentication
    /// presentation (bare, or as `{"verifiablePresentation": …}`) signed with the link's challenge;
    /// the answer is the bound credential itself, as the DCC issuers answer.
    func credentialRequest(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let id = try exchangeID(context)
        let body = try await walletBody(request)
        let presentation = body["verifiablePresentation"] ?? body
        guard let record = try await exchanges.exchange(id: id), record.walletProtocol == .lcwRequest else {
            throw Problem(.notFound, .notFound, "there is no such credential request; open a new one from the certificate's page")
        }
        // The request link's wallets sign only the challenge; a domain they do send must be ours.
        let credential = try await exchanges.complete(id: id, presentation: presentation, domain: domain, domainRequired: false)
        return Response.json(credential)
    }

    /// A wallet's JSON body, at most ``bodyLimit`` bytes, parsed strictly.
    func walletBody(_ request: Request) async throws -> JSONValue {
        guard let mediaType = request.mediaType, VCAPIRoutes.jsonTypes.contains(mediaType) else {
            throw Problem(.unsupportedMediaType, .unsupportedMediaType, "send Content-Type: application/json")
        }
        let bytes = try await request.collectBody(limit: Self.bodyLimit)
        guard let value = try? JSONValue.parse(bytes: bytes) else {
            throw Problem(.badRequest, .badRequest, "the body is not JSON")
        }
        return value
    }
}
