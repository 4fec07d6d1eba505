import CanonicalJSON
import Foundation
import Hummingbird
import IssuerCore
import VerifiableCredentials

/// `POST /credentials/{id}/resend` and `GET /outbox`: sending a certificate email again, and
/// what the delivery worker has not managed to send.
extension APIRoutes {
    func registerDelivery(on api: RouterGroup<IssuerRequestContext>) {
        api.post("credentials/:id/resend") { request, context in try await resend(request, context: context) }
        api.get("outbox") { request, context in try await listOutbox(request, context: context) }
    }

    /// Queues the email again (the same function as `attest resend`); 202 with the queued row.
    func resend(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.changers)
        let id = context.parameters.get("id") ?? ""
        guard PublicRoutes.isPlainIdentifier(id), try await environment.store.read({ try $0.credential(id: id) }) != nil else {
            throw Problem(.notFound, .notFound, "there is no credential \(String(id.prefix(64)))")
        }
        let body = try await optionalObject(request)
        let address: String?
        switch body["to"] {
        // null is refused like any other non-string: the spec's `to` is a string, and null must not mean "the learner".
        case nil: address = nil
        case .string(let text)?: address = text
        default: throw Problem(.unprocessableContent, .invalidAddress, "\"to\" must be an email address")
        }
        do {
            let message = try await CredentialChanges(environment: environment, actor: "api:\(key.name)").resend(id, to: address)
            return .json(APIRepresentation.outboxMessage(message), status: .accepted)
        } catch let error as IssuerError where error.code == .invalidRequest {
            // The one request error of resend is the address.
            throw Problem(.unprocessableContent, .invalidAddress, error.reason)
        }
    }

    /// Outbox rows in one state (newest first), with their attempts and last error.
    func listOutbox(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole(.readers)
        let query = request.uri.queryParameters
        guard let state = OutboxState(rawValue: query.get("state").map { String($0) } ?? OutboxState.failed.rawValue) else {
            throw Problem(.badRequest, .badRequest, "state must be one of pending, sent, failed")
        }
        var limit = 100
        if let text = query.get("limit") {
            guard let value = Int(text), (1...1000).contains(value) else {
                throw Problem(.badRequest, .badRequest, "limit must be 1–1000")
            }
            limit = value
        }
        let rows = try await environment.store.read { try $0.outboxMessages(state: state) }
        let newest = rows.reversed().prefix(limit)
        return .json(["messages": .array(newest.map(APIRepresentation.outboxMessage)), "total": .number(Double(rows.count))])
    }

    /// An optional JSON object body (`{}` when there is none).
    private func optionalObject(_ request: Request) async throws -> JSONObject {
        guard request.headers[.contentType] != nil || (request.headers[.contentLength].flatMap(Int.init) ?? 0) > 0 else { return [:] }
        guard request.mediaType == "application/json" else {
            throw Problem(.unsupportedMediaType, .unsupportedMediaType, "send Content-Type: application/json")
        }
        let bytes = try await request.collectBody(limit: server.configuration.jsonBodyLimit)
        if bytes.isEmpty { return [:] }
        guard let object = (try? JSONValue.parse(bytes: bytes))?.objectValue else {
            throw Problem(.badRequest, .badRequest, "the body must be a JSON object")
        }
        return object
    }
}

extension APIRepresentation {
    /// An outbox row as `GET /outbox` and `resend` answer it: no secret (``SecretRedaction``).
    static func outboxMessage(_ message: OutboxMessage) -> JSONValue {
        var object: JSONObject = [
            "id": .string(message.id), "channel": .string(message.channel.rawValue), "event": .string(message.event.rawValue),
            "subjectId": .string(SecretRedaction.subjectID(message)), "state": .string(message.state.rawValue),
            "attempts": .number(Double(message.attempts)),
            "createdAt": .string(DateTimeStamp.format(message.createdAt)),
        ]
        if let recipient = message.recipient {
            object["recipient"] = .string(message.channel == .email ? recipient : SecretRedaction.url(recipient))
        }
        if let next = message.nextAttemptAt, message.state == .pending { object["nextAttemptAt"] = .string(DateTimeStamp.format(next)) }
        if let error = message.lastError { object["lastError"] = .string(SecretRedaction.urls(in: error)) }
        return .object(object)
    }
}
