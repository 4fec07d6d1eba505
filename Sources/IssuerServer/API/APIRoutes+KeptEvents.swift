import CanonicalJSON
import Foundation
import IssuerCore
import VerifiableCredentials

/// The answer to an event that is kept undecided (issue 19 point 3): 202, never a 4xx, with the
/// state (`unmapped` or `disabled`) and why, read from what is stored so a replay answers the same.
extension APIRoutes {
    static func keptAnswer(_ outcome: IntakeOutcome, event: CompletionEvent, store: any IssuerStore) async throws -> JSONValue? {
        guard case .parked = outcome else { return nil }
        let kept = try await store.read { try $0.parkedEvent(source: event.source, eventID: event.eventID) }
        guard let kept else {
            // Decided between the post and this read (its program was enabled or maps its course now).
            guard let completion = try await store.read({ try $0.completion(source: event.source, eventID: event.eventID) }) else {
                throw Problem(.internalServerError, .`internal`, "")
            }
            return try await store.read { reading in
                APIRepresentation.intake(completion, credentialID: try credentialID(of: completion, in: reading))
            }
        }
        return keptJSON(kept)
    }

    /// A kept event as JSON (`KeptEvent` in `Spec/openapi.yaml`).
    static func keptJSON(_ kept: ParkedEvent) -> JSONValue {
        var object: JSONObject = [
            "keptId": .string(kept.id), "eventId": .string(kept.event.eventID), "source": .string(kept.event.source),
            "state": .string(kept.state.rawValue), "reasons": .array([.string(kept.reason)]),
            "receivedAt": .string(DateTimeStamp.format(kept.receivedAt)),
        ]
        if !kept.event.programID.isEmpty { object["program"] = .string(kept.event.programID) }
        if let course = kept.event.course { object["course"] = .string(course) }
        return .object(object)
    }
}
