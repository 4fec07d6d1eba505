import ArgumentParser
import Delivery
import Foundation
import IssuerCore
import VerifiableCredentials

/// `attest webhooks`: the webhook endpoints kept in the store (the console's Settings → Webhooks).
/// Endpoints written in `attest.json` keep working beside them and are listed too.
struct WebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks", abstract: "Add, list, change, rotate, test and remove webhook endpoints.",
        subcommands: [List.self, Add.self, Events.self, Rotate.self, Test.self, Remove.self])

    static func events(_ names: [String]) throws -> [OutboxEvent]? {
        guard !names.isEmpty else { return nil }
        return try names.map { name in
            guard let event = OutboxEvent(rawValue: name) else {
                throw ValidationError("--event \(name) is not an event; one of \(OutboxEvent.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return event
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the endpoints (never their secrets).")
        @OptionGroup var data: DataOptions

        func run() async throws {
            let context = try await IssuerContext.open(data)
            let now = context.environment.now()
            for endpoint in try await context.store.read({ try $0.webhookEndpoints() }) {
                let events = endpoint.events.map { $0.map(\.rawValue).joined(separator: ",") } ?? "all events"
                let overlap = endpoint.signingSecrets(at: now).count > 1
                    ? " (previous secret signs until \(DateTimeStamp.format(endpoint.previousSecretUntil!)))" : ""
                print("\(endpoint.id)  \(endpoint.url)  \(events)\(overlap)")
            }
            for endpoint in context.settings.webhooks ?? [] {
                print("attest.json  \(endpoint.url)  \(endpoint.events.map { $0.map(\.rawValue).joined(separator: ",") } ?? "all events")")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add an endpoint and print its signing secret (shown only this once, on the last line).")
        @OptionGroup var data: DataOptions
        @Argument(help: "https://… (http:// for a receiver on the same machine).") var url: String
        @Option(help: "An event it wants (repeat it); all events when none is given.") var event: [String] = []

        func run() async throws {
            let context = try await IssuerContext.open(data)
            let endpoint = try await WebhookEndpoints(environment: context.environment, actor: "cli").add(
                url: url, events: try WebhooksCommand.events(event))
            print("added \(endpoint.id) for \(endpoint.url); its signing secret (X-Attest-Signature), shown once:")
            print(endpoint.secret)
        }
    }

    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "events", abstract: "Set the events an endpoint wants.")
        @OptionGroup var data: DataOptions
        @Argument(help: "The endpoint id (wh-…).") var id: String
        @Option(help: "An event it wants (repeat it).") var event: [String] = []
        @Flag(help: "Every event.") var all = false

        func validate() throws {
            if all == !event.isEmpty { throw ValidationError("give --event (one or more) or --all") }
        }

        func run() async throws {
            let context = try await IssuerContext.open(data)
            let endpoint = try await WebhookEndpoints(environment: context.environment, actor: "cli").setEvents(
                id: id, events: try WebhooksCommand.events(event))
            print("\(endpoint.id) wants \(endpoint.events.map { $0.map(\.rawValue).joined(separator: ",") } ?? "all events")")
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate", abstract: "Give an endpoint a new signing secret; the old one also signs during the overlap.")
        @OptionGroup var data: DataOptions
        @Argument(help: "The endpoint id (wh-…).") var id: String
        @Option(help: "Hours the previous secret keeps signing (0 to 720).") var overlapHours: Double = 24

        func run() async throws {
            let context = try await IssuerContext.open(data)
            let endpoint = try await WebhookEndpoints(environment: context.environment, actor: "cli").rotateSecret(
                id: id, overlap: overlapHours * 3600)
            let until = endpoint.previousSecretUntil.map { " The previous secret signs too until \(DateTimeStamp.format($0))." } ?? ""
            print("rotated \(endpoint.id).\(until) The new secret, shown once:")
            print(endpoint.secret)
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test", abstract: "POST a signed webhook.test event to an endpoint now and print its answer (exit 1 if it failed).")
        @OptionGroup var data: DataOptions
        @Argument(help: "The endpoint id (wh-…).") var id: String

        func run() async throws {
            let context = try await IssuerContext.open(data)
            guard let record = try await context.store.read({ try $0.webhookEndpoints() }).first(where: { $0.id == id }) else {
                throw CLIError("there is no webhook endpoint \(id)")
            }
            let eventID = "test-" + context.environment.random.identifier(length: 12)
            switch await WebhookTestEvent.send(
                to: WebhookEndpoint(record), issuer: try await context.issuer(), id: eventID, at: context.environment.now())
            {
            case .success(let status): print("\(record.url) answered \(status) to \(eventID)")
            case .failure(let error):
                print("\(record.url) did not take \(eventID): \(error.reason)")
                throw ExitCode(1)
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an endpoint.")
        @OptionGroup var data: DataOptions
        @Argument(help: "The endpoint id (wh-…).") var id: String

        func run() async throws {
            let context = try await IssuerContext.open(data)
            try await WebhookEndpoints(environment: context.environment, actor: "cli").remove(id: id)
            print("removed \(id)")
        }
    }
}
