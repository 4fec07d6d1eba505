import CanonicalJSON
import Foundation
import Hummingbird
import IssuerCore
import VerifiableCredentials

/// `POST /api/v1/credentials`: an admin or issuer records a completion, as `attest issue` does.
extension AdminRoutes {
    /// The body is a completion event (`Spec/schemas/completion-event.schema.json`) in which, as on
    /// the command line, `eventId` defaults to `PROGRAM/LEARNER-ID`, `completedAt` to now, and a
    /// module without a date (and not exempt) to `completedAt`. The
    /// event's source is `api:KEYNAME`, so admin issues never collide with an LMS's event ids.
    func issueCredential(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.changers)
        var object = try await server.jsonObject(request)
        if object["eventId"] == nil, let program = object["program"]?.stringValue, let learner = object["learner"]?["id"]?.stringValue {
            object["eventId"] = .string("\(program)/\(learner)")
        }
        if object["completedAt"] == nil { object["completedAt"] = .string(DateTimeStamp.format(environment.now())) }
        if let modules = object["modules"]?.arrayValue {
            // As `attest issue --module ID`: a module named without a date was completed with the program.
            object["modules"] = .array(
                modules.map { module in
                    guard var item = module.objectValue, item["completedAt"] == nil, item["exempt"]?.boolValue != true else {
                        return module
                    }
                    item["completedAt"] = object["completedAt"]
                    return .object(item)
                })
        }
        let event = try CompletionEventDocument.event(
            from: Array(JSONValue.object(object).serialized().utf8), source: "api:\(key.name)")
        let (outcome, answer) = try await server.takeIn(event, key: key, channel: .direct)
        guard case .issued = outcome, let credentialID = answer["credentialId"]?.stringValue else {
            // Held for review, rejected, already held or a replay: nothing new was created.
            return .json(answer)
        }
        var response = Response.json(answer, status: .created)
        response.headers[.location] = "/api/v1/credentials/\(credentialID)"
        return response
    }
}
