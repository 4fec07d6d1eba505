import ArgumentParser
import Foundation
import IssuerCore

/// `attest programs reissue ID --from-version N [--dry-run] [--reason TEXT]`
struct ProgramsReissueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reissue",
        abstract: "Reissue every active credential of a corrected program issued under an earlier version.",
        discussion: """
            Reissues each active credential of the program issued under version N or later but before the \
            program's current version: the learner is emailed the corrected certificate and the old one \
            says superseded, linking to the new. --from-version 1 reissues every earlier version. Safe to \
            run again: what was reissued is not reissued twice, and a run that stopped half-way carries on.
            """)
    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The program id.") var id: String
    @Option(help: ArgumentHelp("The lowest program version whose credentials are reissued.", valueName: "N"))
    var fromVersion: Int
    @Flag(help: "Print how many credentials would be reissued, and change nothing.") var dryRun = false
    @Option(help: "Why; kept in the audit trail with each superseded credential.") var reason: String?

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let reissue = ProgramReissue(environment: context.environment, actor: "cli")
        let plan = try await reissue.plan(programID: id, fromVersion: fromVersion)
        let versions =
            plan.fromVersion == plan.toVersion - 1 ? "version \(plan.fromVersion)" : "versions \(plan.fromVersion)–\(plan.toVersion - 1)"
        if dryRun {
            print("\(plan.credentialIDs.count) active credentials of \(id) (\(versions)) would be reissued under version \(plan.toVersion)")
            if !plan.unfinishedIDs.isEmpty { print("\(plan.unfinishedIDs.count) reissued earlier would be finished") }
            return
        }
        print("reissuing \(plan.total) credentials of \(id) (\(versions)) under version \(plan.toVersion)")
        let summary = try await reissue.run(programID: id, fromVersion: fromVersion, reason: reason) { progress in
            guard progress.done > 0 else { return }
            print("progress \(progress.done)/\(progress.total)")
        }
        for replacement in summary.reissued { print("reissued \(replacement.oldID) as \(replacement.newID)") }
        for failure in summary.failed { print("failed \(failure.credentialID): \(failure.reason)") }
        print(
            "done: \(summary.reissued.count) reissued, \(summary.resumed.count) finished from an earlier run, "
                + "\(summary.skipped.count) no longer active, \(summary.failed.count) failed")
        if !summary.failed.isEmpty { throw ExitCode(1) }
    }
}
