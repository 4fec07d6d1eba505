import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import IssuerCore
import Logging
import Pages
import VerifiableCredentials

/// The learner portal: `/learner/login` emails a magic link, `/learner/{token}` lists every
/// credential issued to that address with downloads, `POST /learner/{token}/sign-out` ends the
/// link. Answers never tell whether an address is known (see ``LearnerLinks``), and login
/// requests share the per-address limit of `/verify`.
struct LearnerPortalRoutes {
    let server: IssuerServer
    var environment: IssuerEnvironment { server.environment }

    /// What every login request is told, known address or not.
    static let sentMessage = "If we know this address, a link to your certificates is on its way. It works for 1 hour."
    /// Login bodies are one address; anything longer is not a login.
    static let bodyLimit = 4096

    func register(on router: Router<IssuerRequestContext>) {
        router.get("learner/login") { _, _ in
            Response.html(server.pages.learnerLogin(message: nil, email: nil), headers: [.cacheControl: "no-store"])
        }
        router.post("learner/login") { request, context in
            try await VerifyRoutes(server: server).limit(context)
            return try await login(request)
        }
        router.get("learner/:token") { request, context in try await portal(request, context: context) }
        router.get("learner/:token/:file") { request, context in try await download(request, context: context) }
        router.post("learner/:token/sign-out") { _, context in try await signOut(context: context) }
    }

    // MARK: Login

    func login(_ request: Request) async throws -> Response {
        let answerHTML = request.mediaType == "application/x-www-form-urlencoded" || request.prefersHTML
        let email = try await Self.email(from: request)
        guard Self.isPlausibleEmail(email) else {
            if answerHTML {
                let page = server.pages.learnerLogin(message: "That is not an email address.", email: String(email.prefix(320)))
                return .html(page, status: .badRequest, headers: [.cacheControl: "no-store"])
            }
            throw Problem(.badRequest, .badRequest, "email must be an email address")
        }
        try await sendLink(to: email)
        if answerHTML {
            return .html(server.pages.learnerLinkSent(message: Self.sentMessage), headers: [.cacheControl: "no-store"])
        }
        return .json(["status": "accepted", "detail": .string(Self.sentMessage)], status: .accepted)
    }

    /// Queues the link email when the address belongs to a learner, at most once per flood
    /// window; a known and an unknown address do the same work (``LearnerLinks/request(email:)``).
    func sendLink(to email: String) async throws {
        try await links.request(email: email)
    }

    var links: LearnerLinks { LearnerLinks(store: environment.store, now: environment.now, random: environment.random) }

    /// The address from a form (`email=…`) or a JSON object (`{"email": "…"}`).
    static func email(from request: Request) async throws -> String {
        switch request.mediaType {
        case "application/x-www-form-urlencoded":
            let body = try await request.collectBody(limit: bodyLimit)
            return FormFields(urlencoded: body)["email"]?.trimmingCharacters(in: .whitespaces) ?? ""
        case "application/json":
            let body = try await request.collectBody(limit: bodyLimit)
            guard let email = (try? JSONValue.parse(bytes: body))?["email"]?.stringValue else {
                throw Problem(.badRequest, .badRequest, "the body must be {\"email\": \"ADDRESS\"}")
            }
            return email.trimmingCharacters(in: .whitespaces)
        default:
            throw Problem(.unsupportedMediaType, .unsupportedMediaType, "send a form (email=ADDRESS) or JSON ({\"email\": \"ADDRESS\"})")
        }
    }

    // MARK: Portal

    /// The token, verified; every failure reads the same, so nothing is learned from it.
    func verifiedToken(_ context: IssuerRequestContext) async throws -> LearnerLinkToken {
        let text = context.parameters.get("token") ?? ""
        guard let token = try await links.verify(text) else {
            throw Problem(.notFound, .linkInvalid, "this link is not valid or has expired; ask for a new one at /learner/login")
        }
        return token
    }

    /// The credentials of every learner record with the token's address, newest first.
    func credentials(of token: LearnerLinkToken) async throws -> [(CredentialRecordSummary, String)] {
        try await environment.store.read { reading -> [(CredentialRecordSummary, String)] in
            var found: [(CredentialRecordSummary, String)] = []
            for learner in try reading.learners(email: token.email, limit: 50) {
                for record in try reading.credentialSummaries(filter: CredentialFilter(learnerID: learner.id)) where record.isSigned {
                    let name = try reading.program(id: record.programID)?.achievement.name ?? record.programID
                    found.append((record, name))
                }
            }
            return found.sorted { $0.0.issuedAt > $1.0.issuedAt }
        }
    }

    func portal(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let token = try await verifiedToken(context)
        let now = environment.now()
        let claimTokens = ClaimTokens(store: environment.store, random: environment.random)
        var entries: [PageRenderer.LearnerEntry] = []
        for (record, name) in try await credentials(of: token) {
            // Only an active certificate goes into a wallet; the link carries its claim token, as the email's does.
            let walletLink =
                record.state == .active ? "/c/\(record.id)/wallet?claim=\(try await claimTokens.token(forCredentialID: record.id))" : nil
            entries.append(
                PageRenderer.LearnerEntry(
                    id: record.id, name: name, stateText: Self.stateText(record, now: now),
                    issuedOn: String(DateTimeStamp.format(record.issuedAt).prefix(10)),
                    validUntil: record.validUntil.map { String(DateTimeStamp.format($0).prefix(10)) }, hasPDF: record.hasPDF,
                    walletLink: walletLink))
        }
        let page = server.pages.learnerPortal(
            issuerName: server.issuer.name, email: token.email, expiresAt: IssuerServer.displayDate(DateTimeStamp.format(token.expiresAt)),
            token: token.text, entries: entries)
        return .html(page, headers: Self.privateHeaders)
    }

    /// `/learner/{token}/{id}.pdf|.json`: the learner's own download, which counts as their claim.
    func download(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let token = try await verifiedToken(context)
        let (id, format) = PublicRoutes.split(context.parameters.get("file") ?? "")
        guard PublicRoutes.isPlainIdentifier(id), let (record, _) = try await credentials(of: token).first(where: { $0.0.id == id })
        else { throw Problem(.notFound, .notFound, "there is no certificate \(String(id.prefix(64))) for this address") }
        var headers = Self.privateHeaders
        let response: Response
        switch format {
        case "pdf":
            guard let pdf = try await environment.store.read({ try $0.credentialDocument(.pdf, credentialID: id) }) else {
                throw Problem(.notFound, .notFound, "certificate \(id) has no PDF")
            }
            headers[.contentDisposition] = "attachment; filename=\"certificate-\(id).pdf\""
            response = .bytes(Array(pdf), contentType: "application/pdf", headers: headers)
        case "json":
            headers[.contentDisposition] = "attachment; filename=\"certificate-\(id).json\""
            let json = try await environment.store.read { try $0.credentialDocument(.json, credentialID: id) }
            response = .bytes(Array(json ?? Data()), contentType: "application/vc", headers: headers)
        default:
            throw Problem(.notFound, .notFound, "there is no such download")
        }
        await recordPortalClaim(credentialID: record.id, logger: context.logger)
        return response
    }

    /// Ends the link at once (a new one comes from `/learner/login`).
    func signOut(context: IssuerRequestContext) async throws -> Response {
        let token = try await verifiedToken(context)
        try await links.signOut(token.text)
        let page = server.pages.learnerLogin(message: "You are signed out: that link no longer works.", email: nil)
        return .html(page, headers: Self.privateHeaders)
    }

    /// One `@`, something either side, a dot in the domain, no spaces; at most 320 bytes.
    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return email.utf8.count <= 320 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !email.contains(where: \.isWhitespace)
    }

    static let privateHeaders: HTTPFields = [.cacheControl: "no-store", HTTPField.Name("X-Robots-Tag")!: "noindex"]

    static func stateText(_ record: CredentialRecordSummary, now: Date) -> String {
        switch record.state {
        case .active: record.validUntil.map { $0 < now } == true ? "Expired" : "Valid"
        case .suspended: "Suspended"
        case .revoked: "Revoked"
        case .superseded: "Replaced by a newer version"
        case .pending: "Being issued"
        }
    }

    /// The portal's one claim call site: a download through a verified magic link is the
    /// learner's own, so it counts as their claim (`learnerPage`). Never fails the download: a
    /// claim that cannot be recorded now is logged, and the next download tries again.
    private func recordPortalClaim(credentialID: String, logger: Logger) async {
        do {
            _ = try await CredentialClaims(environment: environment).recordClaim(credentialID: credentialID, via: .learnerPage)
        } catch {
            logger.error("could not record a claim", metadata: ["credential": "\(credentialID)", "error": "\(error)"])
        }
    }
}
