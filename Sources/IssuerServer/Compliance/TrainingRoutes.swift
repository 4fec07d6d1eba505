import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import IssuerCore
import VerifiableCredentials

/// The compliance API under `/api/v1`: training configurations, a worker's assignments and
/// completions, their live state and their one-off training history PDF. `viewer` reads;
/// `issuer` and `admin` change. Every change re-evaluates the worker at once, so the answer
/// already says whether their certificate was issued, suspended, reinstated or reissued.
struct TrainingRoutes {
    let server: IssuerServer
    var environment: IssuerEnvironment { server.environment }

    func register(on group: RouterGroup<IssuerRequestContext>) {
        let api = group.add(middleware: APIKeyAuthenticator(store: server.environment.store))
        api.get("training/configurations") { _, context in try await listConfigurations(context: context) }
        api.post("training/configurations") { request, context in try await saveConfiguration(request, context: context) }
        api.get("workers/:id") { _, context in try await showWorker(context: context) }
        api.post("workers/:id/assignments") { request, context in try await assign(request, context: context) }
        api.delete("workers/:id/assignments") { request, context in try await unassign(request, context: context) }
        api.post("workers/:id/completions") { request, context in try await complete(request, context: context) }
        api.delete("workers/:id/completions") { request, context in try await uncomplete(request, context: context) }
        api.get("workers/:id/history.pdf") { request, context in try await historyPDF(request, context: context) }
    }

    func listConfigurations(context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole(.readers)
        let configurations = try await environment.store.read { try $0.trainingConfigurations() }
        return .json(["configurations": .array(try configurations.map(Self.json))])
    }

    func saveConfiguration(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.changers)
        let bytes = try await server.jsonBytes(request)
        if let unknown = Self.unknownMembers(in: try? JSONValue.parse(bytes: bytes)).first {
            throw Problem(.unprocessableContent, .invalidConfiguration, "\(unknown) is not a member of a training configuration")
        }
        if let path = (try? JSONValue.parse(bytes: bytes))?.firstNullPath() {
            throw Problem(.unprocessableContent, .invalidConfiguration, "\(path) is null; leave it out when it has no value")
        }
        let configuration: TrainingConfiguration
        do {
            configuration = try JSONDecoder().decode(TrainingConfiguration.self, from: Data(bytes))
        } catch {
            throw Problem(.unprocessableContent, .invalidConfiguration, "the body is not a training configuration: \(error)")
        }
        let outcomes = try await mappingConfigurationErrors {
            try await ComplianceService(environment: environment, actor: "api:\(key.name)").saveConfiguration(configuration)
        }
        return .json(["configuration": try Self.json(configuration), "outcomes": .array(outcomes.map(Self.json))])
    }

    func showWorker(context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole(.readers)
        let worker = try await self.worker(context, creating: nil)
        return .json(try await WorkerTrainingDocument.make(learnerID: worker.id, environment: environment).json)
    }

    /// `{"configuration": "site-electricians", "module": "confined-spaces"}`; without `module` the worker joins the group.
    /// `email` and `name` create a worker not yet known.
    func assign(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.changers)
        let body = try await server.jsonObject(request)
        let worker = try await self.worker(context, creating: body)
        guard let configuration = try body.optionalString("configuration") else {
            throw Problem(.badRequest, .badRequest, "name the configuration")
        }
        let outcome = try await ComplianceService(environment: environment, actor: "api:\(key.name)").assign(
            learnerID: worker.id, configurationID: configuration, moduleID: try body.optionalString("module"))
        return .json(Self.json(outcome), status: .created)
    }

    /// `?configuration=ID[&module=ID]`: withdraws the module, or the group membership.
    func unassign(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.changers)
        let worker = try await self.worker(context, creating: nil)
        let query = request.uri.queryParameters
        guard let configuration = query.get("configuration") else { throw Problem(.badRequest, .badRequest, "name the configuration") }
        let outcome = try await ComplianceService(environment: environment, actor: "api:\(key.name)").unassign(
            learnerID: worker.id, configurationID: configuration, moduleID: query.get("module"))
        return .json(Self.json(outcome))
    }

    /// `{"module": "live-line-demo", "completedAt": "2026-11-23T09:00:00Z"}` (`completedAt` defaults to now).
    func complete(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.changers)
        let body = try await server.jsonObject(request)
        let worker = try await self.worker(context, creating: body)
        guard let module = try body.optionalString("module") else { throw Problem(.badRequest, .badRequest, "name the module") }
        let completedAt = try body.optionalString("completedAt").map {
            guard let date = DateTimeStamp.parse($0) else {
                throw Problem(.badRequest, .badRequest, "completedAt must be an ISO 8601 time such as 2026-11-23T09:00:00Z")
            }
            return date
        }
        let outcomes = try await ComplianceService(environment: environment, actor: "api:\(key.name)").complete(
            learnerID: worker.id, moduleID: module, at: completedAt)
        return .json(["outcomes": .array(outcomes.map(Self.json))], status: .created)
    }

    /// `?module=ID&reason=TEXT`: removes the latest completion of the module (recorded, not deleted).
    func uncomplete(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.changers)
        let worker = try await self.worker(context, creating: nil)
        let query = request.uri.queryParameters
        guard let module = query.get("module"), let reason = query.get("reason"), !reason.isEmpty else {
            throw Problem(.badRequest, .badRequest, "name the module and give a reason")
        }
        let outcomes = try await ComplianceService(environment: environment, actor: "api:\(key.name)").uncomplete(
            learnerID: worker.id, moduleID: module, reason: reason)
        return .json(["outcomes": .array(outcomes.map(Self.json))])
    }

    /// The one-off training history certificate (`?configuration=ID` when the worker is in several).
    func historyPDF(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole(.changers)
        let worker = try await self.worker(context, creating: nil)
        let configurations = try await ComplianceService(environment: environment, actor: "api").states(learnerID: worker.id)
            .map(\.configurationID)
        guard
            let configuration = request.uri.queryParameters.get("configuration").map({ String($0) })
                ?? (configurations.count == 1 ? configurations[0] : nil)
        else {
            throw Problem(
                .badRequest, .badRequest, "the worker is in \(configurations.count) configurations; name one with ?configuration=")
        }
        let pdf = try await TrainingHistoryDocument(environment: environment).pdf(learnerID: worker.id, configurationID: configuration)
        return .bytes(pdf, contentType: "application/pdf", headers: [.cacheControl: "no-store"])
    }

    // MARK: helpers

    /// The worker named in the path (learner id or external id), created from `email` and `name` in `body` when given.
    private func worker(_ context: IssuerRequestContext, creating body: JSONObject?) async throws -> Learner {
        let id = try RequestValues.identifier(context, "worker")
        return try await ComplianceService(environment: environment, actor: "api").worker(
            id, email: try body?.optionalString("email"), name: try body?.optionalString("name"))
    }

    private func mappingConfigurationErrors<T>(_ work: () async throws -> T) async throws -> T {
        do { return try await work() } catch let error as IssuerError where error.code == .invalidConfiguration {
            throw Problem(.unprocessableContent, Problem.Code(error.code), error.reason)
        }
    }

    /// Members the schema does not allow (`additionalProperties: false`), which decoding would silently drop.
    static func unknownMembers(in body: JSONValue?) -> [String] {
        guard let body = body?.objectValue else { return [] }
        func extra(_ object: JSONObject?, _ allowed: Set<String>, _ path: String) -> [String] {
            (object?.keys.filter { !allowed.contains($0) } ?? []).map { path + $0 }
        }
        var unknown = extra(body, ["id", "group", "modules", "certificate", "reminderLeadTime"], "")
        for (index, module) in (body["modules"]?.arrayValue ?? []).enumerated() {
            unknown += extra(module.objectValue, ["id", "name", "validity", "required"], "modules[\(index)].")
        }
        let certificate = body["certificate"]?.objectValue
        unknown += extra(certificate, ["enabled", "program", "title", "branding"], "certificate.")
        unknown += extra(
            certificate?["branding"]?.objectValue,
            ["organisation", "primaryColor", "accentColor", "signatoryName", "signatoryTitle", "pageSize"],
            "certificate.branding.")
        return unknown
    }

    static func json(_ configuration: TrainingConfiguration) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try JSONValue.parse(bytes: Array(try encoder.encode(configuration)))
    }

    static func json(_ outcome: ComplianceOutcome) -> JSONValue {
        let action: (String, JSONValue) =
            switch outcome.action {
            case .none: ("none", .null)
            case .issued(let id), .suspended(let id), .reinstated(let id):
                ("\(outcome.action)".prefix { $0 != "(" }.description, .string(id))
            case .reissued(let old, let new): ("reissued", ["old": .string(old), "new": .string(new)])
            }
        return [
            "worker": .string(outcome.state.learnerID), "configuration": .string(outcome.state.configurationID),
            "status": .string(outcome.state.isValid ? "VALID" : "INVALID"), "action": .string(action.0), "actionSubject": action.1,
            "credentialId": outcome.credentialID.map(JSONValue.string) ?? .null,
            "unmet": .array(outcome.state.unmet.map { ["id": .string($0.id), "state": .string($0.state.rawValue)] }),
        ]
    }
}
