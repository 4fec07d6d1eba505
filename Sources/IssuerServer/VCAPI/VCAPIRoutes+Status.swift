import CanonicalJSON
import Foundation
import Hummingbird
import IssuerCore

extension VCAPIRoutes {
    /// `{credentialId, credentialStatus: [{type, status, value?, reason?}]}`: `status` is
    /// `revoked` or `suspended`; `value` (default true) sets or, for `suspended`, clears it.
    /// Each entry is one ``IssuerCore/CredentialChanges`` change; the answer is the credential after all of them.
    func updateStatus(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.changers)
        let body = try await server.jsonObject(request, accepting: Self.jsonTypes)
        try Self.onlyKnown(body, ["credentialId", "credentialStatus"])
        let given = try body["credentialId"]?.stringValue.orThrow(Problem(.badRequest, .badRequest, "credentialId must be a string"))
        guard let given else { throw Problem(.badRequest, .badRequest, "credentialId is required") }
        let id = server.issuer.credentialID(fromVerificationURL: given) ?? given
        guard PublicRoutes.isPlainIdentifier(id), let existing = try await environment.store.read({ try $0.credential(id: id) }) else {
            throw Problem(.notFound, .notFound, "there is no credential \(String(given.prefix(200)))")
        }
        guard let entries = body["credentialStatus"]?.arrayValue, !entries.isEmpty, entries.count <= 2 else {
            throw Problem(.badRequest, .badRequest, "credentialStatus must be an array of one or two entries")
        }
        let changes = try entries.enumerated().map { try Self.change(from: $1, at: $0) }
        let credentialChanges = CredentialChanges(environment: environment, actor: "api:\(key.name)")
        var record = existing
        for change in changes {
            switch change {
            case .revoke(let reason): record = try await credentialChanges.revoke(id, reason: reason)
            case .suspend(let reason): record = try await credentialChanges.suspend(id, reason: reason)
            case .reinstate: record = try await credentialChanges.reinstate(id)
            }
            server.metrics.credentialChanged(action: change.action)
        }
        return .json(APIRepresentation.credential(record, issuer: server.issuer))
    }

    enum StatusChange {
        case revoke(String), suspend(String?), reinstate

        var action: String {
            switch self {
            case .revoke: "revoke"
            case .suspend: "suspend"
            case .reinstate: "reinstate"
            }
        }
    }

    static func change(from entry: JSONValue, at index: Int) throws -> StatusChange {
        func bad(_ detail: String) -> Problem { Problem(.badRequest, .badRequest, "credentialStatus[\(index)]: \(detail)") }
        guard let object = entry.objectValue else { throw bad("must be an object") }
        try onlyKnown(object, ["type", "status", "value", "reason"])
        if let type = object["type"], type.stringValue == nil { throw bad("type must be a string") }
        let status = object["status"]?.stringValue
        let value = try object["value"].map { try $0.boolValue.orThrow(bad("value must be true or false")) } ?? true
        let reason = try object["reason"].map { try $0.stringValue.orThrow(bad("reason must be a string")) }
        switch (status, value) {
        case ("revoked", true): return .revoke(reason ?? "revoked through the VC-API")
        case ("revoked", false):
            throw Problem(.conflict, .invalidState, "credentialStatus[\(index)]: a revocation is permanent and cannot be undone")
        case ("suspended", true): return .suspend(reason)
        case ("suspended", false): return .reinstate
        default: throw bad("status must be revoked or suspended")
        }
    }
}
