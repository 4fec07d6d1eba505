import CanonicalJSON
import Hummingbird
import IssuerCore
import VerifiableCredentials

/// `GET /api/v1/learners`, `/learners/{id}`, `/completions`, `/completions/{id}` (roles viewer, issuer, admin).
extension AdminRoutes {
    func listLearners(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole(.readers)
        let query = request.uri.queryParameters
        let limit = try RequestValues.limit(request)
        let email = query.get("email")
        let externalID = query.get("externalID")
        for value in [email, externalID].compactMap({ $0 }) where value.isEmpty || value.utf8.count > 320 {
            throw Problem(.badRequest, .badRequest, "email and externalID must be 1–320 characters")
        }
        let learners = try await environment.store.read { reading -> [Learner] in
            if let externalID {
                // One per reporting system: the same external id from two systems is two learners.
                return try reading.learners(externalID: externalID).filter {
                    email == nil || $0.email.lowercased() == email!.lowercased()
                }
            }
            return try reading.learners(email: email, limit: limit)
        }
        return .json(["learners": .array(learners.map(Self.json))])
    }

    /// One learner with every credential they hold (all states, oldest first).
    func showLearner(context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole(.readers)
        let id = try RequestValues.identifier(context, "learner")
        let found = try await environment.store.read { reading -> (Learner, [CredentialRecordSummary])? in
            guard let learner = try reading.learner(id: id) else { return nil }
            return (learner, try reading.credentialSummaries(filter: CredentialFilter(learnerID: id)))
        }
        guard let (learner, credentials) = found else { throw Problem(.notFound, .notFound, "there is no learner \(id)") }
        var object = Self.json(learner).objectValue ?? [:]
        object["credentials"] = .array(credentials.map { APIRepresentation.credential($0, issuer: server.issuer) })
        return .json(.object(object))
    }

    func listCompletions(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole(.readers)
        let limit = try RequestValues.limit(request)
        var state: CompletionState?
        if let text = request.uri.queryParameters.get("state") {
            guard let parsed = CompletionState(rawValue: String(text)) else {
                throw Problem(
                    .badRequest, .badRequest, "state must be one of \(CompletionState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            state = parsed
        }
        let chosen = state
        let answer = try await environment.store.read { reading -> [JSONValue] in
            try reading.completions(state: chosen).prefix(limit).map {
                try APIRepresentation.intake($0, credentialID: try APIRoutes.credentialID(of: $0, in: reading), in: reading)
            }
        }
        return .json(["completions": .array(answer)])
    }

    /// One completion with the event as it was reported and the review, if any.
    func showCompletion(context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole(.readers)
        let id = try RequestValues.identifier(context, "completion")
        let answer = try await environment.store.read { reading -> JSONValue? in
            guard let completion = try reading.completion(id: id) else { return nil }
            var object =
                try APIRepresentation.intake(completion, credentialID: try APIRoutes.credentialID(of: completion, in: reading), in: reading)
                .objectValue
                ?? [:]
            object["event"] = Self.json(completion.event)
            if let note = completion.reviewNote { object["reviewNote"] = .string(note) }
            if let at = completion.reviewedAt { object["reviewedAt"] = .string(DateTimeStamp.format(at)) }
            return .object(object)
        }
        guard let answer else { throw Problem(.notFound, .notFound, "there is no completion \(id)") }
        return .json(answer)
    }

    static func json(_ learner: Learner) -> JSONValue {
        var object: JSONObject = [
            "id": .string(learner.id), "externalId": .string(learner.externalID), "email": .string(learner.email),
            "legalName": .string(learner.legalName), "certificateName": .string(learner.certificateName),
            "namespace": .string(learner.namespace.rawValue),
        ]
        if let preferred = learner.preferredName { object["preferredName"] = .string(preferred) }
        return .object(object)
    }

    /// The event in the shape `POST /api/v1/events` takes (`Spec/schemas/completion-event.schema.json`).
    static func json(_ event: CompletionEvent) -> JSONValue {
        var learner: JSONObject = [
            "id": .string(event.learner.externalID), "email": .string(event.learner.email), "legalName": .string(event.learner.legalName),
        ]
        if let name = event.learner.preferredName { learner["preferredName"] = .string(name) }
        if let name = event.learner.profileName { learner["profileName"] = .string(name) }
        var object: JSONObject = [
            "eventId": .string(event.eventID), "program": .string(event.programID), "learner": .object(learner),
            "completedAt": .string(DateTimeStamp.format(event.completedAt)),
            "modules": .array(
                event.modules.map { module in
                    var item: JSONObject = ["id": .string(module.id)]
                    if let at = module.completedAt { item["completedAt"] = .string(DateTimeStamp.format(at)) }
                    if module.exempt { item["exempt"] = true }
                    return .object(item)
                }),
        ]
        if let score = event.score { object["score"] = .number(score) }
        if let minutes = event.minutes { object["minutes"] = .number(minutes) }
        return .object(object)
    }
}
