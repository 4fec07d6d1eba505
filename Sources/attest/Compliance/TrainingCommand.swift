import ArgumentParser
import Foundation
import IssuerCore

/// `attest training …`: compliance training and its live certificates.
struct TrainingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training", abstract: "Training configurations, assignments and completions behind live compliance certificates.",
        discussion: """
            attest training add Spec/examples/training-config.json
            attest training assign W-1001 --group site-electricians --email ana@example.org --name "Ana Lima"
            attest training complete W-1001 electrical-safety
            attest training show W-1001
            """,
        subcommands: [
            TrainingAddCommand.self, TrainingAssignCommand.self, TrainingUnassignCommand.self, TrainingCompleteCommand.self,
            TrainingUncompleteCommand.self, TrainingShowCommand.self, TrainingHistoryPDFCommand.self, TrainingTickCommand.self,
        ])
}

/// `WORKER [--email ADDRESS --name NAME]`: an existing worker by id or external id, or a new one.
struct WorkerOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The worker: Attest learner id or external id (employee number).", valueName: "worker"))
    var worker: String

    @Option(help: "Create the worker with this email address if unknown.")
    var email: String?

    @Option(help: "Create the worker with this legal name if unknown.")
    var name: String?

    func resolve(_ service: ComplianceService) async throws -> Learner {
        try await service.worker(worker, email: email, name: name)
    }
}

/// `attest training add FILE.json`
struct TrainingAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add or update a training configuration (Spec/schemas/training-config.schema.json); re-evaluates its workers.")

    @OptionGroup var dataOptions: DataOptions
    @Argument(help: ArgumentHelp("The configuration.", valueName: "file.json")) var file: String

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        let configuration: TrainingConfiguration
        do {
            configuration = try JSONDecoder().decode(TrainingConfiguration.self, from: data)
        } catch {
            throw CLIError("\(file) is not a training configuration: \(error)")
        }
        let outcomes = try await ComplianceService(environment: context.environment, actor: "cli").saveConfiguration(configuration)
        print("training configuration \(configuration.id): \(configuration.group), \(configuration.modules.count) modules")
        for outcome in outcomes { print(TrainingReport.line(outcome)) }
    }
}

/// `attest training assign WORKER MODULE | --group CONFIGURATION`
struct TrainingAssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Make a worker a member of a group, or assign them one more module.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var worker: WorkerOptions
    @Argument(help: "The module to assign (omit with --group).") var module: String?
    @Option(help: "The configuration whose group the worker joins, or that the module belongs to.") var group: String?

    func validate() throws {
        if module == nil && group == nil { throw ValidationError("name a MODULE or --group CONFIGURATION") }
    }

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let service = ComplianceService(environment: context.environment, actor: "cli")
        let learner = try await worker.resolve(service)
        let configurationID = try await TrainingReport.configuration(for: module, given: group, in: context)
        let outcome = try await service.assign(learnerID: learner.id, configurationID: configurationID, moduleID: module)
        print(TrainingReport.line(outcome))
    }
}

/// `attest training unassign WORKER MODULE | --group CONFIGURATION`
struct TrainingUnassignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unassign", abstract: "Withdraw a group membership or a single module (recorded, not deleted).")

    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The worker (learner id or external id).") var worker: String
    @Argument(help: "The module (omit with --group).") var module: String?
    @Option(help: "The configuration.") var group: String?

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let service = ComplianceService(environment: context.environment, actor: "cli")
        let learner = try await service.worker(worker)
        let configurationID = try await TrainingReport.configuration(for: module, given: group, in: context)
        print(TrainingReport.line(try await service.unassign(learnerID: learner.id, configurationID: configurationID, moduleID: module)))
    }
}

/// `attest training tick`: what the scheduler in `attest serve` does, once.
struct TrainingTickCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tick", abstract: "Evaluate every worker whose training state is due to change (as attest serve does on its own).")

    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let outcomes = await ComplianceScheduler(environment: context.environment, interval: .seconds(60)) {
            FileHandle.standardError.write(Data("attest: \($0)\n".utf8))
        }.tick()
        for outcome in outcomes { print(TrainingReport.line(outcome)) }
        print("\(outcomes.count) evaluated")
    }
}
