import ArgumentParser
import Foundation
import IssuerCore

extension RolloutMode: ExpressibleByArgument {}

/// `attest programs mode PROGRAM shadow|assisted|monitored|full`
struct ProgramsModeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mode", abstract: "Show or set a program's rollout mode: shadow, assisted, monitored or full.",
        discussion: """
            shadow: every completion is decided and recorded, nothing is issued. assisted: the first N issuances \
            (--first, default 50) enter the post-issuance check list. monitored: a random sample (--sample, default 10%) \
            enters it. full: issued with no checks (the default). Leaving shadow mode issues nothing retroactively \
            unless --issue-shadowed is given. Example: attest programs mode working-at-height-2 assisted --first 20
            """)

    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The program id.") var program: String
    @Argument(help: "The new mode; without it the current setting is shown.") var mode: RolloutMode?
    @Option(help: ArgumentHelp("In monitored mode, the share of issuances checked, such as 10%.", valueName: "percent"))
    var sample: String?
    @Option(help: ArgumentHelp("In assisted mode, how many of the first issuances are checked.", valueName: "n")) var first: Int?
    @Flag(help: "Leaving shadow mode: issue, once each, what the rules decided to issue in shadow mode.") var issueShadowed = false

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        guard let mode else {
            let program = self.program
            let rollout = try await context.store.read { reading -> ProgramRollout in
                guard try reading.program(id: program) != nil else { throw CLIError("there is no program \(program)") }
                return try reading.programRollout(programID: program) ?? .full(programID: program)
            }
            print(Self.describe(rollout))
            return
        }
        let change = try await RolloutChanges(environment: context.environment, actor: "cli").setMode(
            programID: program, mode: mode, samplePerMille: try sample.map(ProgramRollout.samplePerMille(parsing:)), firstCount: first,
            issueShadowed: issueShadowed)
        print("\(program): \(change.previous.mode.rawValue) -> \(Self.describe(change.current))")
        if issueShadowed {
            print("\(change.issuedFromShadow.count) credentials issued from shadow decisions")
            for (id, outcome) in change.notIssuedFromShadow { print("  \(id): \(outcome)") }
        }
    }

    static func describe(_ rollout: ProgramRollout) -> String {
        switch rollout.mode {
        case .assisted: "assisted (first \(rollout.firstCount) issuances checked, \(rollout.firstEntered) so far)"
        case .monitored: "monitored (\(rollout.sampleText) of issuances checked)"
        case .shadow, .full: rollout.mode.rawValue
        }
    }
}
