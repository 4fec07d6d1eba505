import CanonicalJSON
import Ed25519
import Foundation
import HTTPTypes
import Hummingbird
import IssuerCore

/// The routes anyone may call: health, the did:web document, status lists and credentials.
struct PublicRoutes {
    let server: IssuerServer

    func register(on router: Router<IssuerRequestContext>) {
        HealthRoutes(server: server).register(on: router)
        router.get("metrics") { request, context in
            try server.authorizeMetrics(request)
            do { try await server.metrics.refreshOutbox(from: server.environment.store) } catch {
                context.logger.error("could not count the outbox for /metrics", metadata: ["error": "\(error)"])
            }
            return Response.bytes(server.metrics.exposition(), contentType: "text/plain; version=0.0.4", headers: [.cacheControl: "no-store"])
        }
        router.get(".well-known/did.json") { request, _ in try await didDocument(request) }
        router.get("status/:list") { request, context in try await statusList(request, context: context) }
        router.get("c/:id") { request, context in try await credential(request, context: context) }
        router.get("c/:id/share/linkedin") { request, context in try await shareOnLinkedIn(request, context: context) }
        router.head("c/:id/share/linkedin") { request, context in try await shareOnLinkedIn(request, context: context).withoutBody() }
        registerBadges(on: router)
        // HEAD answers with GET's status and headers, for caches and link checkers.
        router.head("status/:list") { request, context in try await statusList(request, context: context).withoutBody() }
        router.head("c/:id") { request, context in try await credential(request, context: context).withoutBody() }
    }

    /// Every key, current and retired, read per request so a rotation by the CLI shows at once.
    func didDocument(_ request: Request) async throws -> Response {
        let keys = try await server.environment.store.read { try $0.signingKeys() }
        let document = try server.issuer.didDocument(keys: keys)
        let accept = request.headers[.accept] ?? ""
        let type = accept.contains("application/did+json") ? "application/did+json" : "application/json"
        return .bytes(
            Array(document.json.serialized(pretty: true).utf8), contentType: type, headers: [.cacheControl: "public, max-age=300"])
    }

    /// The stored signed list credential, cacheable for its `ttl`, with a strong ETag.
    func statusList(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        guard let listID = context.parameters.get("list"), Self.isPlainIdentifier(listID) else {
            throw Problem(.notFound, .notFound, "there is no such status list")
        }
        let list = try await server.environment.store.read { try $0.statusList(id: listID) }
        guard let bytes = list?.signedCredentialJSON else { throw Problem(.notFound, .notFound, "there is no status list \(listID)") }
        let etag = "\"" + Hex.encode(SHA256.hash(Array(bytes)).prefix(16)) + "\""
        let headers: HTTPFields = [.cacheControl: "public, max-age=\(Int(StatusListPublisher.ttl))", .eTag: etag]
        if let match = request.headers[.ifNoneMatch], Self.matches(ifNoneMatch: match, etag: etag) {
            return Response(status: .notModified, headers: headers)
        }
        return .bytes(Array(bytes), contentType: "application/vc", headers: headers)
    }

    /// `/c/{id}`: the page, or the credential for `Accept: application/vc|json`; `/c/{id}.json|.pdf|.png`: the stored files.
    func credential(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let segment = context.parameters.get("id") ?? ""
        let (id, format) = Self.split(segment)
        guard Self.isPlainIdentifier(id) else { throw Problem(.notFound, .notFound, "there is no such credential") }
        try await admitCredentialLookup(context)
        let accept = request.headers[.accept] ?? ""
        if format == nil && Self.wantsPage(accept: accept) { return try await page(request, context: context, id: id) }
        // The row without its files, and only the one file asked for.
        let kind: CredentialDocumentKind? =
            switch format {
            case "pdf": .pdf
            case "json", nil: .json
            default: nil
            }
        let found = try await server.environment.store.read { reading -> (CredentialRecordSummary, Data?)? in
            guard let summary = try reading.credentialSummary(id: id), summary.isSigned else { return nil }
            return (summary, try kind.flatMap { try reading.credentialDocument($0, credentialID: id) })
        }
        guard let (summary, document) = found else {
            await chargeCredentialMiss(context)
            throw Problem(.notFound, .notFound, "there is no credential \(id)")
        }
        switch format {
        case "json":
            return .bytes(Array(document ?? Data()), contentType: "application/json", headers: Self.noCache)
        case "pdf":
            guard let pdf = document else { throw Problem(.notFound, .notFound, "credential \(id) has no PDF") }
            await server.recordClaimIfValid(request, credential: summary.record(), via: .pdf, logger: context.logger)
            if request.method == .get { await server.engagement.record(.downloaded, credentialID: id, logger: context.logger) }
            return .bytes(
                Array(pdf), contentType: "application/pdf",
                headers: [.contentDisposition: "inline; filename=\"certificate-\(id).pdf\"", .cacheControl: "no-cache"])
        case "png":
            if summary.hasPNG, let png = try await server.environment.store.read({ try $0.credentialDocument(.png, credentialID: id) }) {
                return .bytes(Array(png), contentType: "image/png", headers: [.cacheControl: "public, max-age=3600"])
            }
            // Drawn on the first request and stored (issuance makes only the PDF), from the full record.
            guard summary.hasPreview, let record = try await server.environment.store.read({ try $0.credential(id: id) }),
                let png = try await server.environment.certificatePreview(for: record)
            else {
                throw Problem(.notFound, .notFound, "credential \(id) has no preview")
            }
            return .bytes(png, contentType: "image/png", headers: [.cacheControl: "public, max-age=3600"])
        case nil:
            // `wantsPage` said no: the credential itself, as what the client accepts.
            let type = accept.contains("application/vc") ? "application/vc" : "application/json"
            return .bytes(Array(document ?? Data()), contentType: type, headers: Self.noCache)
        default:
            throw Problem(.notFound, .notFound, "there is no such credential file")
        }
    }

    /// `/c/{id}` as HTML: the record, the issuer's keys and any live training read in one snapshot,
    /// or the page rendered less than the page cache's lifetime ago (``VerificationPageCache``);
    /// `304 Not Modified` when the client already has these bytes (`If-None-Match`).
    func page(_ request: Request, context: IssuerRequestContext, id: String) async throws -> Response {
        // A claim link records the learner's first view, which needs the record: never from the cache.
        let claiming = request.uri.queryParameters.get("claim") != nil
        // Anyone else's view of a page that exists (HEAD is what link checkers send) is engagement.
        let someoneElsesView = !claiming && request.method == .get
        if !claiming, let kept = server.pageCache.page(id: id) {
            if someoneElsesView { await server.engagement.record(.viewed, credentialID: id, logger: context.logger) }
            return Self.response(kept, to: request)
        }
        let reads = try await server.environment.store.read { try VerificationPageReads(credentialID: id, in: $0) }
        guard let reads, reads.record.credentialJSON != nil else {
            await chargeCredentialMiss(context)
            throw Problem(.notFound, .notFound, "there is no credential \(id)")
        }
        let page = try await server.verificationPage(from: reads)
        await server.recordClaimIfValid(request, credential: reads.record, via: .page, logger: context.logger)
        if someoneElsesView { await server.engagement.record(.viewed, credentialID: id, logger: context.logger) }
        let kept = server.pageCache.remember(id: id, html: VerificationPageHTML.render(page))
        // The learner's own link adds "Add to a wallet" (with their token: never cached).
        let wallet = WalletOfferRoutes(server: server)
        if claiming, let personal = await wallet.personalVerificationPage(request, record: reads.record, publicPage: kept.body) {
            return personal
        }
        return Self.response(kept, to: request)
    }

    /// A rendered page with its validator, or `304` with the validator alone when `If-None-Match` names it.
    static func response(_ page: VerificationPageCache.Page, to request: Request) -> Response {
        var headers: HTTPFields = [.cacheControl: "no-cache", .eTag: page.etag]
        if let match = request.headers[.ifNoneMatch], matches(ifNoneMatch: match, etag: page.etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: page.body))
    }

    /// Whether `/c/{id}` answers with the page: unless the client asks for the credential
    /// (`application/vc`, `application/json` or `application/ld+json`) and not for HTML.
    static func wantsPage(accept: String) -> Bool {
        accept.contains("text/html")
            || !(accept.contains("application/vc") || accept.contains("application/json") || accept.contains("application/ld+json"))
    }

    static let noCache: HTTPFields = [.cacheControl: "no-cache"]

    /// `ABC.pdf` → (`ABC`, `pdf`); `ABC` → (`ABC`, nil).
    static func split(_ segment: String) -> (id: String, format: String?) {
        guard let dot = segment.lastIndex(of: ".") else { return (segment, nil) }
        return (String(segment[..<dot]), String(segment[segment.index(after: dot)...]))
    }

    /// Ids and list names are short runs of ASCII letters, digits and `-`: anything else (dots,
    /// slashes, percent escapes, very long names) cannot name a record and is refused unread.
    static func isPlainIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64
            && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2D }
    }

    /// RFC 9110 `If-None-Match`: `*` or a list of (weak or strong) tags, compared weakly.
    static func matches(ifNoneMatch header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }

    /// Refuses a `/c/{id}` lookup with 429 when the client has asked for too many unknown ids
    /// lately (or everybody has, and this client among them). Decided before the lookup, so a
    /// refused client cannot tell a known id from an unknown one.
    func admitCredentialLookup(_ context: IssuerRequestContext) async throws {
        if let wait = await server.credentialMissLimiter.admit(client: context.clientAddress, now: server.environment.now()) {
            throw Problem(
                .tooManyRequests, .tooManyRequests, "too many unknown certificate addresses from here; try again in \(wait) seconds",
                retryAfter: wait)
        }
    }

    /// Counts a lookup of an id that names no credential against the client and everybody.
    func chargeCredentialMiss(_ context: IssuerRequestContext) async {
        await server.credentialMissLimiter.charge(client: context.clientAddress, now: server.environment.now())
    }
}

extension Response {
    /// The same status and headers with no body.
    func withoutBody() -> Response { Response(status: status, headers: headers) }

    /// A 200 with these bytes.
    static func bytes(_ bytes: [UInt8], contentType: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// An HTML page.
    static func html(_ html: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
