import ArgumentParser
import CanonicalJSON
import Foundation
import IssuerCore
import VerifiableCredentials

/// `attest rollout …`: the agreement report and the post-issuance check list.
struct RolloutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollout", abstract: "Going live: compare the rules with manual decisions, and work the post-issuance check list.",
        subcommands: [RolloutCompareCommand.self, RolloutChecksCommand.self, RolloutConfirmCommand.self, RolloutRevokeCommand.self])
}

/// `attest rollout compare --program P manual.csv`
struct RolloutCompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Compare manual decisions (learner,decision[,note]) with the rules' for the same completions.",
        discussion:
            "Exits 0 when the targets are met (agreement > 98%, false positives < 0.5%, false negatives < 1%), 1 when not, 2 when the file or program cannot be read."
    )

    @OptionGroup var dataOptions: DataOptions
    @Option(help: "The program id.") var program: String
    @Flag(help: "Print the report as JSON.") var json = false
    @Argument(help: ArgumentHelp("The manual decisions: learner id or email, issue|reject, optional note.", valueName: "manual.csv"))
    var file: String

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        guard data.count <= ManualDecisionCSV.maximumBytes else { throw CLIError("\(file) is larger than 4 MiB") }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError("\(file) is not UTF-8 text") }
        let report: AgreementReport
        do {
            report = try await context.environment.agreementReport(programID: program, csv: text)
        } catch let error as IssuerError {
            // 1 means FAIL; a file or program that cannot be read is another answer.
            FileHandle.standardError.write(Data("Error: \(file): \(error.reason)\n".utf8))
            throw ExitCode(2)
        }
        print(json ? report.json.serialized(pretty: true) : report.text)
        if !report.passes { throw ExitCode(1) }
    }
}

/// `attest rollout checks [--program P] [--all]`
struct RolloutChecksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks", abstract: "List the post-issuance checks still open; overdue ones are marked.",
        discussion: "Exits 2 when a check is overdue (unconfirmed past its deadline), so a scheduler can alert on it.")

    @OptionGroup var dataOptions: DataOptions
    @Option(help: "Only this program.") var program: String?
    @Flag(help: "Also list confirmed and revoked checks.") var all = false

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let program = self.program
        let state: RolloutCheckState? = all ? nil : .open
        let checks = try await context.store.read { try $0.rolloutChecks(programID: program, state: state) }
        let now = context.environment.now()
        let overdue = checks.filter { $0.isOverdue(at: now) }
        for check in checks {
            let due =
                check.isOverdue(at: now) ? "OVERDUE since \(DateTimeStamp.format(check.dueAt))" : "due \(DateTimeStamp.format(check.dueAt))"
            let status = check.state == .open ? due : "\(check.state.rawValue) by \(check.decidedBy ?? "?")"
            print("\(check.credentialID)  \(check.programID)  \(check.reason.rawValue)  \(status)")
        }
        print("\(checks.count) checks listed, \(overdue.count) overdue")
        if !overdue.isEmpty { throw ExitCode(2) }
    }
}

/// `attest rollout confirm CREDENTIAL`
struct RolloutConfirmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "confirm", abstract: "Confirm a checked issuance.")

    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The credential id.") var credential: String
    @Option(help: "A note.") var note: String?

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        try await RolloutChanges(environment: context.environment, actor: "cli").confirm(credentialID: credential, note: note)
        print("confirmed \(credential)")
    }
}

/// `attest rollout revoke CREDENTIAL --reason TEXT`
struct RolloutRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a checked issuance, with a reason.")

    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The credential id.") var credential: String
    @Option(help: "Why it is revoked.") var reason: String

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        try await RolloutChanges(environment: context.environment, actor: "cli").revoke(credentialID: credential, reason: reason)
        print("revoked \(credential)")
    }
}
