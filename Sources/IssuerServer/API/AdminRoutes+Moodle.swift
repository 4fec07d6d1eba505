import CanonicalJSON
import HTTPTypes
import Hummingbird
import IssuerCore

/// `POST /api/v1/events/moodle`: Moodle's course_completed event, with the same keys, roles,
/// HMAC signature and replay rules as `POST /api/v1/events`.
extension AdminRoutes {
    func postMoodleEvent(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.reporters)
        let body = try await server.jsonBytes(request)
        try EventSignature.check(
            header: request.headers[HTTPField.Name(AttestSignature.headerName)!], body: body, key: key, now: environment.now())
        let program = request.uri.queryParameters.get("program").map { String($0) }
        let event = try MoodleEventDocument.event(from: body, source: key.name, program: program)
        let (_, answer) = try await server.takeIn(event, key: key, channel: .report)
        return .json(answer, status: .accepted)
    }
}
