import ArgumentParser
import Foundation
import IssuerCore
import VerifiableCredentials

/// `attest scheduled list | withdraw COMPLETION --reason TEXT | hold COMPLETION --reason TEXT`
struct ScheduledCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduled",
        abstract: "Work waiting for its time: delayed issuances, follow-up webhooks, expiry reminders.",
        subcommands: [List.self, Withdraw.self, Hold.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List what is scheduled, earliest first: due time, kind, subject, program, detail.")
        @OptionGroup var dataOptions: DataOptions
        @Option(help: "Show at most this many.") var limit = 1000

        func run() async throws {
            let context = try await IssuerContext.open(dataOptions)
            let limit = self.limit
            for work in try await context.store.read({ try $0.scheduledWork(dueBy: .distantFuture, limit: limit) }) {
                let detail =
                    work.detail.isEmpty ? "" : "  \(work.kind == .expiryReminder ? "\(work.detail) days before expiry" : work.detail)"
                print("\(DateTimeStamp.format(work.dueAt))  \(work.kind.rawValue)  \(work.subjectID)  \(work.programID)\(detail)")
            }
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw", abstract: "Withdraw a completion whose issuance waits for its program's delay: nothing is issued.")
        @OptionGroup var dataOptions: DataOptions
        @Argument(help: "The completion id.") var id: String
        @Option(help: "Why it is withdrawn (kept in the audit trail).") var reason: String

        func run() async throws {
            let context = try await IssuerContext.open(dataOptions)
            let actor = "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "unknown")
            try await ScheduledIssuances(environment: context.environment, actor: actor).withdraw(completionID: id, reason: reason)
            print("withdrawn \(id): nothing will be issued")
        }
    }

    struct Hold: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hold", abstract: "Hold a completion whose issuance waits for its program's delay: it joins the review queue.")
        @OptionGroup var dataOptions: DataOptions
        @Argument(help: "The completion id.") var id: String
        @Option(help: "Why it is held (kept in the audit trail).") var reason: String

        func run() async throws {
            let context = try await IssuerContext.open(dataOptions)
            let actor = "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "unknown")
            try await ScheduledIssuances(environment: context.environment, actor: actor).hold(completionID: id, reason: reason)
            print("held \(id) for review: attest review approve \(id) issues it")
        }
    }
}
