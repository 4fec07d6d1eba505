import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import IssuerCore
import Pages

/// OpenID4VCI 1.0, pre-authorized code flow, for wallets: the issuer and authorization-server
/// metadata, `credential_offer_uri`s, and the token, nonce, credential and deferred credential
/// endpoints. Refusals are OAuth error objects (`{"error", "error_description"}`), never problem
/// documents, since wallets read only those. Offers are made through the API
/// (``OpenID4VCIRoutes/registerOffers(on:)``) and the learner portal.
struct OpenID4VCIRoutes {
    let server: IssuerServer
    let issuance: OpenID4VCIIssuance
    /// `POST /nonce` and `POST /token` are open to anyone; each stores a row, so both are rate limited per client.
    let limiter: LookupRateLimiter

    /// The largest token request body (form-encoded): 4 KiB.
    static let tokenBodyLimit = 4 * 1024
    /// The most fields a token request may have.
    static let tokenFieldLimit = 16
    /// The largest credential or deferred credential request body: 64 KiB (a `di_vp` presentation).
    static let credentialBodyLimit = 64 * 1024

    init(server: IssuerServer) {
        self.server = server
        issuance = OpenID4VCIIssuance(environment: server.environment, policy: server.configuration.openID4VCIPolicy)
        limiter = LookupRateLimiter(
            perMinute: server.configuration.openID4VCIRequestsPerMinute,
            globalPerMinute: server.configuration.openID4VCIRequestsPerMinute * 20)
    }

    func register(on router: Router<IssuerRequestContext>) {
        router.get(".well-known/openid-credential-issuer") { _, _ in
            Self.json(OpenID4VCIMetadata.credentialIssuer(server.issuer), cache: "public, max-age=300")
        }
        router.get(".well-known/oauth-authorization-server") { _, _ in
            Self.json(OpenID4VCIMetadata.authorizationServer(server.issuer), cache: "public, max-age=300")
        }
        router.get("credential-offer/:code") { _, context in try await offer(context) }
        router.get("credential-offer/exchange/:exchange") { _, context in try await exchangeOffer(context) }
        router.post("token") { request, context in try await oauth { try await token(request, context: context) } }
        router.post("nonce") { _, context in try await oauth { try await nonce(context) } }
        router.post("credential") { request, context in
            try await oauth { try await credential(request, context: context, deferred: false) }
        }
        router.post("deferred_credential") { request, context in
            try await oauth { try await credential(request, context: context, deferred: true) }
        }
    }

    // MARK: Endpoints

    func offer(_ context: IssuerRequestContext) async throws -> Response {
        let code = context.parameters.get("code") ?? ""
        guard code.utf8.count <= 100, let _ = try await issuance.liveOffer(code: code) else {
            throw Problem(.notFound, .notFound, "this credential offer is unknown, used or expired; ask for a new one")
        }
        return Self.json(OpenID4VCIMetadata.offer(server.issuer, code: code, policy: issuance.policy), cache: "no-store")
    }

    /// The offer behind the `"OID4VCI"` protocol of an interaction URL: made, and its transaction
    /// code emailed, the first time a wallet fetches it; fetched again it is gone (the wallet has the code).
    func exchangeOffer(_ context: IssuerRequestContext) async throws -> Response {
        let exchangeID = context.parameters.get("exchange") ?? ""
        let exchanges = WalletExchanges(environment: server.environment)
        let missing = Problem(
            .notFound, .notFound, "this credential offer is unknown, used or expired; open a new one from the certificate's page")
        guard let exchange = try await exchanges.exchange(id: exchangeID), exchange.walletProtocol == .vcapi, exchange.state != .completed,
            server.environment.now() < exchange.expiresAt
        else { throw missing }
        let created: OpenID4VCIIssuance.CreatedOffer
        do {
            created = try await issuance.createOffer(
                for: .credential(id: exchange.credentialID), actor: exchange.actor,
                offerID: OpenID4VCIMetadata.exchangeOfferID(exchangeID: exchangeID))
        } catch let error as IssuerError where error.code == .duplicate {
            throw missing
        }
        return Self.json(OpenID4VCIMetadata.offer(server.issuer, code: created.code, policy: issuance.policy), cache: "no-store")
    }

    func token(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        try await admit(context)
        guard request.mediaType == "application/x-www-form-urlencoded" else {
            throw OpenID4VCIError(.invalidRequest, "send Content-Type: application/x-www-form-urlencoded")
        }
        let body = try await collect(request, limit: Self.tokenBodyLimit)
        let form = FormFields(urlencoded: body)
        guard form.fields.count <= Self.tokenFieldLimit else { throw OpenID4VCIError(.invalidRequest, "too many parameters") }
        // RFC 6749 §3.2: a parameter sent twice is an invalid request.
        for name in ["grant_type", "pre-authorized_code", "tx_code"] where form.values(name).count > 1 {
            throw OpenID4VCIError(.invalidRequest, "\(name) is sent more than once")
        }
        let grant = try await issuance.redeem(
            grantType: form["grant_type"], code: form["pre-authorized_code"], transactionCode: form["tx_code"])
        return Self.json(
            ["access_token": .string(grant.token), "token_type": "Bearer", "expires_in": .number(Double(grant.expiresIn))],
            cache: "no-store")
    }

    func nonce(_ context: IssuerRequestContext) async throws -> Response {
        try await admit(context)
        let nonce = try await issuance.nonce()
        return Self.json(["c_nonce": .string(nonce.value)], cache: "no-store")
    }

    func credential(_ request: Request, context: IssuerRequestContext, deferred: Bool) async throws -> Response {
        let token = Self.bearerToken(request)
        try await issuance.authenticate(accessToken: token)
        guard request.mediaType == "application/json" else {
            throw OpenID4VCIError(.invalidCredentialRequest, "send Content-Type: application/json (encrypted requests are not supported)")
        }
        let bytes = try await collect(request, limit: Self.credentialBodyLimit)
        guard let body = try? JSONValue.parse(bytes: bytes, maximumDepth: 32) else {
            throw OpenID4VCIError(.invalidCredentialRequest, "the body is not JSON")
        }
        let response =
            deferred
            ? try await issuance.requestDeferred(accessToken: token, body: body)
            : try await issuance.requestCredential(accessToken: token, body: body)
        switch response {
        case .issued(let credential):
            return Self.json(["credentials": [["credential": credential]]], cache: "no-store")
        case .deferred(let transactionID, let interval):
            return Self.json(
                ["transaction_id": .string(transactionID), "interval": .number(Double(interval))], status: .accepted, cache: "no-store")
        }
    }

    // MARK: Parts

    /// Runs an OAuth endpoint: an ``OpenID4VCIError`` becomes the OAuth error response.
    func oauth(_ work: () async throws -> Response) async throws -> Response {
        do {
            return try await work()
        } catch let error as OpenID4VCIError {
            var response = Self.json(
                ["error": .string(error.code.rawValue), "error_description": .string(error.reason)],
                status: HTTPResponse.Status(code: error.code.httpStatus), cache: "no-store")
            if error.code == .invalidToken {
                response.headers[.wwwAuthenticate] = "Bearer error=\"invalid_token\""
            }
            return response
        }
    }

    /// Refuses a client past its share of the open endpoints (429 with `Retry-After`).
    func admit(_ context: IssuerRequestContext) async throws {
        if let wait = await limiter.take(client: context.clientAddress, now: server.environment.now()) {
            throw Problem(.tooManyRequests, .tooManyRequests, "too many requests; try again in \(wait) seconds", retryAfter: wait)
        }
    }

    /// The body, refused with 413 past `limit` bytes.
    func collect(_ request: Request, limit: Int) async throws -> [UInt8] {
        do {
            return Array(try await request.body.collect(upTo: limit).readableBytesView)
        } catch {
            throw Problem(.contentTooLarge, .contentTooLarge, "the body is larger than \(limit) bytes")
        }
    }

    /// The token of `Authorization: Bearer …` (RFC 6750 §2.1; the scheme is case-blind).
    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, cache: String) -> Response {
        var response = Response.bytes(Array(value.serialized().utf8), contentType: "application/json", headers: [.cacheControl: cache])
        response.status = status
        return response
    }
}
