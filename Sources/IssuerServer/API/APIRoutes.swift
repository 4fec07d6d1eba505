import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import IssuerCore

/// The authenticated API under `/api/v1`: completion intake, credentials, reviews and the audit
/// trail. Roles: `lms` posts events only; `viewer` reads; `issuer` and `admin` also change.
struct APIRoutes {
    let server: IssuerServer
    var environment: IssuerEnvironment { server.environment }

    func register(on group: RouterGroup<IssuerRequestContext>) {
        let api = group.add(middleware: APIKeyAuthenticator(store: server.environment.store, now: server.environment.now))
        api.post("events") { request, context in try await postEvent(request, context: context) }
        api.get("credentials") { request, context in try await listCredentials(request, context: context) }
        api.get("credentials/:id") { _, context in try await showCredential(context: context) }
        for action in ["revoke", "suspend", "reinstate", "reissue"] {
            api.post("credentials/:id/\(action)") { request, context in try await change(action, request, context: context) }
        }
        api.get("reviews") { _, context in try await listReviews(context: context) }
        api.post("reviews/:id/approve") { request, context in try await decide(approve: true, request, context: context) }
        api.post("reviews/:id/reject") { request, context in try await decide(approve: false, request, context: context) }
        api.post("completions/:id/withdraw") { request, context in try await changeScheduled(withdraw: true, request, context: context) }
        api.post("completions/:id/hold") { request, context in try await changeScheduled(withdraw: false, request, context: context) }
        api.get("audit") { request, context in try await exportAudit(request, context: context) }
        registerDelivery(on: api)
    }

    // MARK: Intake

    func postEvent(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.reporters)
        let body = try await jsonBody(request)
        try EventSignature.check(
            header: request.headers[HTTPField.Name(AttestSignature.headerName)!], body: body, key: key, now: environment.now())
        let event = try CompletionEventDocument.event(from: body, source: key.name)
        return .json(try await server.takeIn(event, key: key, channel: .report).answer, status: .accepted)
    }

    static func outcomeName(_ outcome: IntakeOutcome) -> String {
        switch outcome {
        case .duplicate: "duplicate"
        case .issued: "issued"
        case .alreadyHeld: "alreadyHeld"
        case .held: "held"
        case .rejected: "rejected"
        case .shadowed: "shadowed"
        case .scheduled: "scheduled"
        case .parked(_, let state, _): state.rawValue
        }
    }

    static func credentialID(of completion: CompletionRecord, in reading: any IssuerReading) throws -> String? {
        guard completion.state == .issued else { return nil }
        let held = try reading.credentialSummaries(
            filter: CredentialFilter(learnerID: completion.learnerID, programID: completion.event.programID))
        return (held.first { $0.completionID == completion.id } ?? held.last { $0.state != .superseded })?.id
    }

    // MARK: Credentials

    func listCredentials(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole(.readers)
        let query = request.uri.queryParameters
        var filter = CredentialFilter(limit: 100)
        if let learner = query.get("learner") { filter.learnerID = learner }
        if let program = query.get("program") { filter.programID = program }
        if let state = query.get("state") {
            guard let parsed = CredentialState(rawValue: state) else {
                throw Problem(
                    .badRequest, .badRequest, "state must be one of \(CredentialState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.states = [parsed]
        }
        if let limit = query.get("limit") {
            guard let value = Int(limit), (1...1000).contains(value) else {
                throw Problem(.badRequest, .badRequest, "limit must be 1–1000")
            }
            filter.limit = value
        }
        let chosen = filter
        let records = try await environment.store.read { try $0.credentialSummaries(filter: chosen) }
        return .json(["credentials": .array(records.map { APIRepresentation.credential($0, issuer: server.issuer) })])
    }

    func showCredential(context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole(.readers)
        let record = try await credentialRecord(context)
        var object = APIRepresentation.credential(record, issuer: server.issuer).objectValue ?? [:]
        if let bytes = record.credentialJSON { object["credential"] = try JSONValue.parse(bytes: Array(bytes)) }
        return .json(.object(object))
    }

    func change(_ action: String, _ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.changers)
        let id = try await credentialRecord(context).id
        let body = try await optionalJSONObject(request)
        let changes = CredentialChanges(environment: environment, actor: "api:\(key.name)")
        let record: CredentialRecord
        switch action {
        case "revoke": record = try await changes.revoke(id, reason: body.optionalString("reason") ?? "")
        case "suspend": record = try await changes.suspend(id, reason: body.optionalString("reason"))
        case "reinstate": record = try await changes.reinstate(id)
        default: record = try await changes.reissue(id, newName: body.optionalString("name"))
        }
        server.metrics.credentialChanged(action: action)
        return .json(APIRepresentation.credential(record, issuer: server.issuer))
    }

    private func credentialRecord(_ context: IssuerRequestContext) async throws -> CredentialRecord {
        let id = context.parameters.get("id") ?? ""
        guard PublicRoutes.isPlainIdentifier(id), let record = try await environment.store.read({ try $0.credential(id: id) }) else {
            throw Problem(.notFound, .notFound, "there is no credential \(String(id.prefix(64)))")
        }
        return record
    }

    // MARK: Reviews and audit

    func listReviews(context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole(.readers)
        let held = try await environment.store.read { try $0.completions(state: .held) }
        return .json(["reviews": .array(held.map { APIRepresentation.intake($0, credentialID: nil) })])
    }

    func decide(approve: Bool, _ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.changers)
        let id = context.parameters.get("id") ?? ""
        guard PublicRoutes.isPlainIdentifier(id) else {
            throw Problem(.notFound, .notFound, "there is no completion held for review with that id")
        }
        let body = try await optionalJSONObject(request)
        let reviews = ReviewDecisions(environment: environment, reviewer: "api:\(key.name)")
        if approve {
            // Approved and issued: the wait for the reviewer is part of the learner's time to credential.
            if case .issued = try await reviews.approve(id, note: body.optionalString("note")),
                let completedAt = try await environment.store.read({ try $0.completion(id: id)?.event.completedAt })
            {
                server.metrics.timeToCredential(completedAt: completedAt, issuedAt: environment.now())
            }
        } else {
            try await reviews.reject(id, note: body.optionalString("note") ?? "")
        }
        let answer = try await environment.store.read { reading -> JSONValue in
            let completion = try reading.completion(id: id).orThrow(Problem(.notFound, .notFound, "there is no completion \(id)"))
            return APIRepresentation.intake(completion, credentialID: try Self.credentialID(of: completion, in: reading))
        }
        return .json(answer)
    }

    func exportAudit(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole([.admin, .issuer, .viewer])
        let query = request.uri.queryParameters
        let from = try query.get("from").map { try Int($0).orThrow(Problem(.badRequest, .badRequest, "from must be a number")) } ?? 1
        let limit = try query.get("limit").map { try Int($0).orThrow(Problem(.badRequest, .badRequest, "limit must be a number")) } ?? 1000
        guard from >= 1, (1...10000).contains(limit) else { throw Problem(.badRequest, .badRequest, "from must be ≥ 1 and limit 1–10000") }
        let entries = try await environment.store.read { try $0.auditEntries(from: from, limit: limit) }
        let lines = entries.map { APIRepresentation.auditLine($0) }.joined(separator: "\n")
        return .bytes(Array((lines.isEmpty ? "" : lines + "\n").utf8), contentType: "application/x-ndjson")
    }

    // MARK: Bodies

    private func jsonBody(_ request: Request) async throws -> [UInt8] {
        guard ["application/json"].contains(request.mediaType ?? "") else {
            throw Problem(.unsupportedMediaType, .unsupportedMediaType, "send Content-Type: application/json")
        }
        return try await request.collectBody(limit: server.configuration.jsonBodyLimit)
    }

    /// An optional JSON object body (`{}` when there is none).
    private func optionalJSONObject(_ request: Request) async throws -> JSONObject {
        guard request.headers[.contentType] != nil || (request.headers[.contentLength].flatMap(Int.init) ?? 0) > 0 else { return [:] }
        let bytes = try await jsonBody(request)
        if bytes.isEmpty { return [:] }
        guard let object = (try? JSONValue.parse(bytes: bytes))?.objectValue else {
            throw Problem(.badRequest, .badRequest, "the body must be a JSON object")
        }
        return object
    }
}

extension Response {
    /// A JSON answer.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var response = Response.bytes(
            Array(value.serialized(pretty: false).utf8), contentType: "application/json", headers: [.cacheControl: "no-store"])
        response.status = status
        return response
    }
}
