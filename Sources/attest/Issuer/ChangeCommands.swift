import ArgumentParser
import Foundation
import IssuerCore

/// `attest revoke ID --reason TEXT`
struct RevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a credential for good (sets its revocation bit).")
    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The credential id.") var id: String
    @Option(help: "Why; kept in the audit trail.") var reason: String

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let record = try await CredentialChanges(environment: context.environment, actor: "cli").revoke(id, reason: reason)
        print("revoked \(record.id) (\(record.revocationList)#\(record.revocationIndex))")
    }
}

/// `attest suspend ID [--reason TEXT]`
struct SuspendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "suspend", abstract: "Suspend a credential until it is reinstated.")
    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The credential id.") var id: String
    @Option(help: "Why; kept in the audit trail.") var reason: String?

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let record = try await CredentialChanges(environment: context.environment, actor: "cli").suspend(id, reason: reason)
        print("suspended \(record.id) (\(record.suspensionList)#\(record.suspensionIndex))")
    }
}

/// `attest reinstate ID`
struct ReinstateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reinstate", abstract: "Lift a credential's suspension.")
    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The credential id.") var id: String

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let record = try await CredentialChanges(environment: context.environment, actor: "cli").reinstate(id)
        print("reinstated \(record.id)")
    }
}

/// `attest reissue ID [--name TEXT]`
struct ReissueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reissue", abstract: "Issue a new version of a credential; the old one is revoked as superseded and links to the new.")
    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The credential id.") var id: String
    @Option(help: "A corrected name for the certificate.") var name: String?

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let record = try await CredentialChanges(environment: context.environment, actor: "cli").reissue(id, newName: name)
        print("reissued \(id) as \(record.id)  \(try await context.issuer().verificationURL(credentialID: record.id))")
    }
}

/// `attest review list | approve ID | reject ID --note TEXT`
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Completions held for review.", subcommands: [ListHeld.self, Approve.self, Reject.self])

    struct ListHeld: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List completions waiting for review.")
        @OptionGroup var dataOptions: DataOptions

        func run() async throws {
            let context = try await IssuerContext.open(dataOptions)
            for completion in try await context.store.read({ try $0.completions(state: .held) }) {
                let learner = completion.event.learner
                print(
                    "\(completion.id)  \(completion.event.programID)  \(learner.preferredName ?? learner.legalName) <\(learner.email)>  \(completion.reasons.joined(separator: "; "))"
                )
            }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve", abstract: "Approve a held completion and issue its credential.")
        @OptionGroup var dataOptions: DataOptions
        @Argument(help: "The completion id.") var id: String
        @Option(help: "Why it was approved.") var note: String?
        @Option(help: "Who approved it. Default: $USER.") var by: String?

        func run() async throws {
            let context = try await IssuerContext.open(dataOptions)
            let reviewer = "cli:" + (by ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown")
            let outcome = try await ReviewDecisions(environment: context.environment, reviewer: reviewer).approve(id, note: note)
            print(try await OutcomeText.describe(outcome, context: context))
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject a held completion.")
        @OptionGroup var dataOptions: DataOptions
        @Argument(help: "The completion id.") var id: String
        @Option(help: "Why it was rejected (required).") var note: String
        @Option(help: "Who rejected it. Default: $USER.") var by: String?

        func run() async throws {
            let context = try await IssuerContext.open(dataOptions)
            let reviewer = "cli:" + (by ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown")
            try await ReviewDecisions(environment: context.environment, reviewer: reviewer).reject(id, note: note)
            print("rejected \(id)")
        }
    }
}
