import CanonicalJSON
import Hummingbird
import IssuerCore
import VerifiableCredentials

/// `POST /api/v1/programs/{id}/enable` and `/disable` (admin): a program's operational state,
/// through ``IssuerAdministration`` as `attest programs enable|disable` and the console, audited.
extension AdminRoutes {
    func registerProgramSettings(on api: RouterGroup<IssuerRequestContext>) {
        api.post("programs/:id/enable") { _, context in try await setProgramEnabled(true, context: context) }
        api.post("programs/:id/disable") { _, context in try await setProgramEnabled(false, context: context) }
    }

    func setProgramEnabled(_ enabled: Bool, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole([.admin])
        let id = try RequestValues.identifier(context, "program")
        let (settings, released) = try await IssuerAdministration(environment: environment, actor: "api:\(key.name)")
            .setProgramEnabled(id, enabled)
        for outcome in released { server.metrics.completionReceived(outcome) }
        return .json(Self.json(settings, decided: released.count))
    }

    /// A program's settings as JSON (`ProgramSettings` in `Spec/openapi.yaml`).
    static func json(_ settings: ProgramSettings, decided: Int) -> JSONValue {
        [
            "program": .string(settings.programID), "enabled": .bool(settings.enabled),
            "updatedAt": .string(DateTimeStamp.format(settings.updatedAt)), "updatedBy": .string(settings.updatedBy),
            "decided": .number(Double(decided)),
        ]
    }
}
