import ArgumentParser
import Foundation
import IssuerCore
import VerifiableCredentials

/// `attest kept list [--state S] | correct ID [--name] [--preferred-name] [--email] --note TEXT | discard ID --reason TEXT`:
/// the completion events kept undecided (Spec/workflow.md): what waits and why, correcting the
/// learner data of one kept `invalidLearner`, and discarding one.
extension ParkedState: ExpressibleByArgument {}

struct KeptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kept",
        abstract: "Completion events kept undecided: unmapped courses, unknown or disabled programs, invalid learner data.",
        subcommands: [List.self, Correct.self, Discard.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List kept events, oldest first: id, received, state, source and event id, learner, why.")
        @OptionGroup var dataOptions: DataOptions
        @Option(help: "Only this state.") var state: ParkedState?

        func run() async throws {
            let context = try await IssuerContext.open(dataOptions)
            let state = self.state
            for kept in try await context.store.read({ try $0.parkedEvents(state: state) }) {
                print(
                    "\(kept.id)  \(DateTimeStamp.format(kept.receivedAt))  \(kept.state.rawValue)  \(kept.event.source)/\(kept.event.eventID)"
                        + "  \(kept.event.learner.externalID)  \(kept.reason)")
            }
        }
    }

    struct Correct: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct",
            abstract: "Correct the learner data of an event kept invalidLearner; it is then decided as if it had just come in.")
        @OptionGroup var dataOptions: DataOptions
        @Argument(help: "The kept event's id (prk-…).") var id: String
        @Option(help: "The learner's legal name.") var name: String?
        @Option(help: "The name to print on the certificate (empty removes it).") var preferredName: String?
        @Option(help: "The learner's email address.") var email: String?
        @Option(help: "Why, or where the right data came from (kept in the audit trail).") var note: String

        func run() async throws {
            let context = try await IssuerContext.open(dataOptions)
            let outcome = try await IssuerAdministration(environment: context.environment, actor: "cli").correctKeptEvent(
                id, .init(legalName: name, preferredName: preferredName, email: email), note: note)
            print(try await OutcomeText.describe(outcome, context: context))
        }
    }

    struct Discard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "discard", abstract: "Discard a kept event without deciding it.")
        @OptionGroup var dataOptions: DataOptions
        @Argument(help: "The kept event's id (prk-…).") var id: String
        @Option(help: "Why (kept in the audit trail).") var reason: String

        func run() async throws {
            let context = try await IssuerContext.open(dataOptions)
            try await IssuerAdministration(environment: context.environment, actor: "cli").discardKeptEvent(id, reason: reason)
            print("discarded \(id)")
        }
    }
}
