import ArgumentParser
import Foundation
import IssuerCore

/// `attest programs enable ID`: the program decides completions again, starting with those kept
/// while it was disabled (each once).
struct ProgramsEnableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable", abstract: "Enable a program: decide its new completions, and those kept while it was disabled.")
    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The program id.") var id: String

    func run() async throws {
        try await ProgramsEnableCommand.set(id, enabled: true, dataOptions: dataOptions)
    }

    /// Sets the state through ``IssuerAdministration`` (as the API and the console do) and says what happened.
    static func set(_ id: String, enabled: Bool, dataOptions: DataOptions) async throws {
        let context = try await IssuerContext.open(dataOptions)
        let (settings, released) = try await IssuerAdministration(environment: context.environment, actor: "cli").setProgramEnabled(
            id, enabled)
        print("program \(settings.programID): \(settings.enabled ? "enabled" : "disabled")")
        for outcome in released { print(try await OutcomeText.describe(outcome, context: context)) }
    }
}

/// `attest programs disable ID`: new completions of the program are kept, not decided.
struct ProgramsDisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Disable a program: its new completions are kept undecided until it is enabled again.")
    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The program id.") var id: String

    func run() async throws {
        try await ProgramsEnableCommand.set(id, enabled: false, dataOptions: dataOptions)
    }
}
