import CanonicalJSON
import Hummingbird
import IssuerCore

extension APIRoutes {
    /// `POST /api/v1/completions/{id}/withdraw|hold` with `{"reason": "…"}`: what
    /// `attest scheduled withdraw|hold` does to a completion waiting out its program's issuance
    /// delay (roles issuer and admin). Answers the completion with its `scheduledIssuance`.
    func changeScheduled(withdraw: Bool, _ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.changers)
        let id = context.parameters.get("id") ?? ""
        guard PublicRoutes.isPlainIdentifier(id) else { throw Problem(.notFound, .notFound, "there is no completion with that id") }
        let body = try await server.jsonObject(request)
        guard let reason = try body.optionalString("reason") else {
            throw Problem(.badRequest, .badRequest, "give the reason: {\"reason\": \"…\"}")
        }
        let issuances = ScheduledIssuances(environment: environment, actor: "api:\(key.name)")
        if withdraw {
            try await issuances.withdraw(completionID: id, reason: reason)
        } else {
            try await issuances.hold(completionID: id, reason: reason)
        }
        let answer = try await environment.store.read { reading -> JSONValue in
            let completion = try reading.completion(id: id).orThrow(Problem(.notFound, .notFound, "there is no completion \(id)"))
            return try APIRepresentation.intake(completion, credentialID: try Self.credentialID(of: completion, in: reading), in: reading)
        }
        return .json(answer)
    }
}
