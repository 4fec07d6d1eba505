import CanonicalJSON
import Foundation
import IssuerCore

extension IssuerServer {
    /// Takes in one completion event (`POST /api/v1/events`, Moodle's, `POST /api/v1/credentials`):
    /// decide, finish an issued credential at once, count it, and answer from what is stored, so a
    /// replay answers exactly what the first post answered (`scheduledIssuance` included). Learners
    /// are those of the key's namespace.
    func takeIn(
        _ event: CompletionEvent, key: APIKeyRecord, channel: IssuancePipeline.Channel
    ) async throws -> (outcome: IntakeOutcome, answer: JSONValue) {
        let started = ContinuousClock.now
        let pipeline = IssuancePipeline(environment: environment, actor: "api:\(key.name)", namespace: .apiKey(named: key.name))
        let outcome = try await pipeline.intake(event, channel: channel)
        metrics.completionReceived(outcome)
        if case .issued(_, let credentialID) = outcome {
            do { try await pipeline.finish(credentialID: credentialID) } catch {
                metrics.issuanceFailed()
                throw error
            }
            metrics.credentialIssued(after: ContinuousClock.now - started)
            metrics.timeToCredential(completedAt: event.completedAt, issuedAt: environment.now())
        }
        if let shadowed = APIRoutes.shadowAnswer(outcome) { return (outcome, shadowed) }
        if let kept = try await APIRoutes.keptAnswer(outcome, event: event, store: environment.store) { return (outcome, kept) }
        let answer = try await environment.store.read { reading -> JSONValue in
            guard let completion = try reading.completion(id: outcome.completionID) else {
                throw Problem(.internalServerError, .`internal`, "")
            }
            return try APIRepresentation.intake(completion, credentialID: try APIRoutes.credentialID(of: completion, in: reading), in: reading)
        }
        return (outcome, answer)
    }
}
