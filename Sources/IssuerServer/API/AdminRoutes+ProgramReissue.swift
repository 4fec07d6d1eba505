import CanonicalJSON
import Foundation
import Hummingbird
import IssuerCore

/// `POST /api/v1/programs/{id}/reissue`: the bulk reissue `attest programs reissue` runs.
extension AdminRoutes {
    /// Reissues every active credential of the program issued under `fromVersion` or later but
    /// before its current version (``IssuerCore/ProgramReissue``), or with `dryRun` only counts
    /// them. Administrators only: it changes every learner's certificate of a program at once.
    func reissueProgram(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole([.admin])
        let id = try RequestValues.identifier(context, "program")
        guard try await environment.store.read({ try $0.program(id: id) }) != nil else {
            throw Problem(.notFound, .notFound, "there is no program \(id)")
        }
        let body = try await server.jsonObject(request)
        guard let number = body["fromVersion"]?.numberValue, let fromVersion = Int(exactly: number), fromVersion >= 1 else {
            throw Problem(.badRequest, .badRequest, "fromVersion must be a whole number of at least 1")
        }
        let dryRun: Bool
        switch body["dryRun"] {
        case nil: dryRun = false
        case .bool(let value)?: dryRun = value
        default: throw Problem(.badRequest, .badRequest, "dryRun must be true or false")
        }
        let reason = try body.optionalString("reason")
        let reissue = ProgramReissue(environment: environment, actor: "api:\(key.name)")
        if dryRun {
            let plan = try await reissue.plan(programID: id, fromVersion: fromVersion)
            return .json(.object(Self.reissueJSON(plan, dryRun: true)))
        }
        let summary = try await reissue.run(programID: id, fromVersion: fromVersion, reason: reason)
        var object = Self.reissueJSON(summary.plan, dryRun: false)
        object["reissued"] = .array(
            summary.reissued.map { .object(["credentialId": .string($0.oldID), "newCredentialId": .string($0.newID)]) })
        object["resumed"] = .array(summary.resumed.map(JSONValue.string))
        object["skipped"] = .array(summary.skipped.map(JSONValue.string))
        object["failed"] = .array(
            summary.failed.map { .object(["credentialId": .string($0.credentialID), "reason": .string($0.reason)]) })
        return .json(.object(object))
    }

    private static func reissueJSON(_ plan: ProgramReissue.Plan, dryRun: Bool) -> JSONObject {
        [
            "programId": .string(plan.programID), "fromVersion": .number(Double(plan.fromVersion)),
            "toVersion": .number(Double(plan.toVersion)), "count": .number(Double(plan.credentialIDs.count)),
            "unfinished": .number(Double(plan.unfinishedIDs.count)), "dryRun": .bool(dryRun),
        ]
    }
}
