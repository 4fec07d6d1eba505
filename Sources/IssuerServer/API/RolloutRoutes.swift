import CanonicalJSON
import Foundation
import Hummingbird
import IssuerCore
import VerifiableCredentials

extension APIRoutes {
    /// The answer to an event of a program in shadow mode: what the rules decided, and that nothing
    /// was issued (there is no completion to read back; a replay answers the same from the store).
    static func shadowAnswer(_ outcome: IntakeOutcome) -> JSONValue? {
        guard case .shadowed(let id, let decision, let reasons) = outcome else { return nil }
        return .object([
            "shadowDecisionId": .string(id), "state": .string("shadowed"), "decision": .string(decision.rawValue),
            "reasons": .array(reasons.map(JSONValue.string)),
        ])
    }
}

/// Issue 19 points 1 and 2 over the admin API: a program's rollout mode (admin), the post-issuance
/// check list (read by readers, confirmed or revoked by issuers and admins), and the agreement
/// report of a manual decisions CSV (issuers and admins).
extension AdminRoutes {
    func registerRollout(on api: RouterGroup<IssuerRequestContext>) {
        api.get("programs/:id/rollout") { _, context in try await showRollout(context: context) }
        api.put("programs/:id/rollout") { request, context in try await setRollout(request, context: context) }
        api.post("programs/:id/rollout/compare") { request, context in try await compareRollout(request, context: context) }
        api.get("rollout/checks") { request, context in try await listRolloutChecks(request, context: context) }
        api.post("rollout/checks/:id/confirm") { request, context in try await decideRolloutCheck(request, context: context, revoke: false)
        }
        api.post("rollout/checks/:id/revoke") { request, context in try await decideRolloutCheck(request, context: context, revoke: true) }
    }

    func showRollout(context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole(.readers)
        let id = try RequestValues.identifier(context, "program")
        let rollout = try await environment.store.read { reading -> ProgramRollout in
            guard try reading.program(id: id) != nil else { throw Problem(.notFound, .notFound, "there is no program \(id)") }
            return try reading.programRollout(programID: id) ?? .full(programID: id)
        }
        return .json(APIRepresentation.rollout(rollout))
    }

    func setRollout(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole([.admin])
        let id = try RequestValues.identifier(context, "program")
        let body = try await server.jsonObject(request)
        for name in body.keys where !["mode", "sample", "first", "issueShadowed"].contains(name) {
            throw Problem(.badRequest, .badRequest, "\(name.prefix(40)) is not a member of a rollout setting")
        }
        guard let modeName = body["mode"]?.stringValue, let mode = RolloutMode(rawValue: modeName) else {
            throw Problem(.badRequest, .badRequest, "mode must be one of shadow, assisted, monitored, full")
        }
        var sample: Int?
        if let value = body["sample"] {
            guard let text = value.stringValue else { throw Problem(.badRequest, .badRequest, "sample must be text such as \"10%\"") }
            sample = try ProgramRollout.samplePerMille(parsing: text)
        }
        var first: Int?
        if let value = body["first"] {
            guard let number = value.numberValue, number == number.rounded(), number >= 1,
                number <= Double(ProgramRollout.maximumFirstCount)
            else { throw Problem(.badRequest, .badRequest, "first must be a whole number from 1 to \(ProgramRollout.maximumFirstCount)") }
            first = Int(number)
        }
        var issueShadowed = false
        if let value = body["issueShadowed"] {
            guard let flag = value.boolValue else { throw Problem(.badRequest, .badRequest, "issueShadowed must be true or false") }
            issueShadowed = flag
        }
        guard try await environment.store.read({ try $0.program(id: id) }) != nil else {
            throw Problem(.notFound, .notFound, "there is no program \(id)")
        }
        let change = try await RolloutChanges(environment: environment, actor: "api:\(key.name)").setMode(
            programID: id, mode: mode, samplePerMille: sample, firstCount: first, issueShadowed: issueShadowed)
        var object = APIRepresentation.rollout(change.current).objectValue ?? [:]
        object["previousMode"] = .string(change.previous.mode.rawValue)
        object["issuedFromShadow"] = .array(change.issuedFromShadow.map(JSONValue.string))
        return .json(.object(object))
    }

    func compareRollout(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole(.changers)
        let id = try RequestValues.identifier(context, "program")
        guard request.mediaType == "text/csv" else {
            throw Problem(.unsupportedMediaType, .unsupportedMediaType, "send Content-Type: text/csv")
        }
        let bytes = try await request.collectBody(limit: ManualDecisionCSV.maximumBytes)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw Problem(.badRequest, .badRequest, "the CSV must be UTF-8") }
        guard try await environment.store.read({ try $0.program(id: id) }) != nil else {
            throw Problem(.notFound, .notFound, "there is no program \(id)")
        }
        return .json(try await environment.agreementReport(programID: id, csv: text).json)
    }

    func listRolloutChecks(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole(.readers)
        let query = request.uri.queryParameters
        var state: RolloutCheckState? = .open
        if let name = query.get("state") {
            guard name == "all" || RolloutCheckState(rawValue: name) != nil else {
                throw Problem(.badRequest, .badRequest, "state must be one of open, confirmed, revoked, all")
            }
            state = RolloutCheckState(rawValue: name)
        }
        let program = query.get("program")
        let limit = try RequestValues.limit(request)
        let chosen = state
        let checks = try await environment.store.read { try $0.rolloutChecks(programID: program, state: chosen) }
        let now = environment.now()
        return .json([
            "checks": .array(checks.prefix(limit).map { APIRepresentation.rolloutCheck($0, now: now) }),
            "overdue": .number(Double(checks.count { $0.isOverdue(at: now) })),
        ])
    }

    func decideRolloutCheck(_ request: Request, context: IssuerRequestContext, revoke: Bool) async throws -> Response {
        let key = try context.requireRole(.changers)
        let id = try RequestValues.identifier(context, "check")
        let body = try await server.jsonObject(request)
        let text = body[revoke ? "reason" : "note"]
        if let text, text.stringValue == nil { throw Problem(.badRequest, .badRequest, "\(revoke ? "reason" : "note") must be text") }
        let changes = RolloutChanges(environment: environment, actor: "api:\(key.name)")
        let check: RolloutCheck
        if revoke {
            guard let reason = text?.stringValue else { throw Problem(.badRequest, .badRequest, "a revocation needs a reason") }
            check = try await changes.revoke(credentialID: id, reason: reason)
        } else {
            check = try await changes.confirm(credentialID: id, note: text?.stringValue)
        }
        return .json(APIRepresentation.rolloutCheck(check, now: environment.now()))
    }
}

extension APIRepresentation {
    /// A program's rollout setting.
    static func rollout(_ rollout: ProgramRollout) -> JSONValue {
        .object([
            "program": .string(rollout.programID), "mode": .string(rollout.mode.rawValue), "sample": .string(rollout.sampleText),
            "first": .number(Double(rollout.firstCount)), "firstChecked": .number(Double(rollout.firstEntered)),
            "checkDeadlineSeconds": .number(Double(rollout.checkDeadlineSeconds)),
            "changedAt": .string(DateTimeStamp.format(rollout.changedAt)), "changedBy": .string(rollout.changedBy),
        ])
    }

    /// One post-issuance check.
    static func rolloutCheck(_ check: RolloutCheck, now: Date) -> JSONValue {
        var object: JSONObject = [
            "credentialId": .string(check.credentialID), "program": .string(check.programID), "learnerId": .string(check.learnerID),
            "reason": .string(check.reason.rawValue), "state": .string(check.state.rawValue),
            "enteredAt": .string(DateTimeStamp.format(check.enteredAt)), "dueAt": .string(DateTimeStamp.format(check.dueAt)),
            "overdue": .bool(check.isOverdue(at: now)),
        ]
        if let by = check.decidedBy { object["decidedBy"] = .string(by) }
        if let at = check.decidedAt { object["decidedAt"] = .string(DateTimeStamp.format(at)) }
        if let note = check.note { object["note"] = .string(note) }
        return .object(object)
    }
}
