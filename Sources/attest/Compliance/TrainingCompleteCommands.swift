import ArgumentParser
import Foundation
import IssuerCore
import VerifiableCredentials

/// `attest training complete WORKER MODULE [--at TIME]`
struct TrainingCompleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "complete",
        abstract: "Record that a worker completed a module; issues or reinstates their certificate when that completes their training.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var worker: WorkerOptions
    @Argument(help: "The module completed.") var module: String
    @Option(help: ArgumentHelp("When it was completed (ISO 8601, e.g. 2026-11-23T09:00:00Z). Default: now.", valueName: "time"))
    var at: String?

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        var completedAt: Date?
        if let at {
            guard let date = DateTimeStamp.parse(at) else {
                throw CLIError("--at \(at) is not an ISO 8601 time such as 2026-11-23T09:00:00Z")
            }
            completedAt = date
        }
        let service = ComplianceService(environment: context.environment, actor: "cli")
        let learner = try await worker.resolve(service)
        let outcomes = try await service.complete(learnerID: learner.id, moduleID: module, at: completedAt)
        print("recorded \(module) for \(learner.externalID)")
        for outcome in outcomes { print(TrainingReport.line(outcome)) }
    }
}

/// `attest training uncomplete WORKER MODULE --reason TEXT`
struct TrainingUncompleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uncomplete", abstract: "Remove a worker's latest completion of a module (recorded with the reason, never deleted).")

    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The worker (learner id or external id).") var worker: String
    @Argument(help: "The module.") var module: String
    @Option(help: "Why; kept in the audit trail.") var reason: String

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let service = ComplianceService(environment: context.environment, actor: "cli")
        let learner = try await service.worker(worker)
        let outcomes = try await service.uncomplete(learnerID: learner.id, moduleID: module, reason: reason)
        print("removed the latest \(module) completion of \(learner.externalID)")
        for outcome in outcomes { print(TrainingReport.line(outcome)) }
    }
}

/// `attest training show WORKER [--json]`
struct TrainingShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a worker's live training state and certificates.")

    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The worker (learner id or external id).") var worker: String
    @Flag(help: "Print JSON (the API's worker document) instead of a table.") var json = false

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let service = ComplianceService(environment: context.environment, actor: "cli")
        let learner = try await service.worker(worker)
        let document = try await WorkerTrainingDocument.make(learnerID: learner.id, environment: context.environment)
        if json {
            print(document.json.serialized(pretty: true))
            return
        }
        print("\(learner.legalName) <\(learner.email)>  worker \(learner.externalID) (\(learner.id))")
        for entry in document.entries {
            let state = entry.state
            print("")
            print("\(entry.configuration.group) [\(entry.configuration.id)]: \(state.isValid ? "VALID" : "INVALID")")
            if let credential = entry.credential {
                print("  certificate \(credential.id) (\(credential.state.rawValue))")
            }
            for module in state.modules {
                let completed = module.completedAt.map { DateTimeStamp.format($0) } ?? "—"
                let expires = module.expiresAt.map { DateTimeStamp.format($0) } ?? "—"
                print(
                    "  \(module.state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(module.name)  completed \(completed)  expires \(expires)"
                )
            }
        }
    }
}

/// `attest training history-pdf WORKER --out FILE [--group CONFIGURATION]`
struct TrainingHistoryPDFCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history-pdf",
        abstract:
            "Write a one-off PDF of a worker's whole training history, around their compliance credential (same embedded credential and QR)."
    )

    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The worker (learner id or external id).") var worker: String
    @Option(help: "The PDF file to write.") var out: String
    @Option(help: "The configuration, when the worker is in several.") var group: String?

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let service = ComplianceService(environment: context.environment, actor: "cli")
        let learner = try await service.worker(worker)
        let configurations = try await service.states(learnerID: learner.id).map(\.configurationID)
        guard let configurationID = group ?? (configurations.count == 1 ? configurations[0] : nil) else {
            throw CLIError(
                "worker \(worker) is in \(configurations.isEmpty ? "no" : "several") training configurations; name one with --group")
        }
        let pdf = try await TrainingHistoryDocument(environment: context.environment).pdf(
            learnerID: learner.id, configurationID: configurationID)
        try Data(pdf).write(to: URL(fileURLWithPath: out))
        print("wrote \(out) (\(pdf.count) bytes)")
    }
}
