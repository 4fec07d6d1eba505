import ArgumentParser
import Delivery
import Foundation
import IssuerCore
import Logging
import ServiceLifecycle

/// Where mail goes: `--smtp-url` / `$ATTEST_SMTP_URL`, else `.eml` files in the data folder.
struct DeliveryOptions: ParsableArguments {
    @Option(
        name: .customLong("smtp-url"),
        help: ArgumentHelp(
            "smtp://user:pass@host:587?starttls or smtps://…; default $ATTEST_SMTP_URL. Without one, emails are written as .eml files to DATA/outbox.",
            valueName: "url"))
    var smtpURL: String?

    @Option(
        name: .customLong("smtp-url-file"),
        help: ArgumentHelp("Read the SMTP URL (with its password) from the first line of this file.", valueName: "file"))
    var smtpURLFile: String?

    @Option(name: .long, help: ArgumentHelp("The sender address. Default: the issuer's email, else no-reply@ the issuer's host.", valueName: "address"))
    var from: String?

    @Option(
        name: .customLong("delivery-attempts"),
        help: ArgumentHelp("Attempts per email or webhook before it is marked failed (1–50).", valueName: "n"))
    var deliveryAttempts: Int = RetryPolicy.defaultMaximumAttempts

    @Option(
        name: .customLong("delivery-retry-delay"),
        help: ArgumentHelp("Seconds before the second attempt; each later wait doubles (1–3600).", valueName: "seconds"))
    var deliveryRetryDelay: Int = 30

    func validate() throws {
        guard (1...50).contains(deliveryAttempts) else { throw ValidationError("--delivery-attempts must be 1–50") }
        guard (1...3600).contains(deliveryRetryDelay) else { throw ValidationError("--delivery-retry-delay must be 1–3600 seconds") }
    }

    /// Where this issuer's mail goes and as whom (``MailSetup``); the console shows it.
    func mailSetup(_ context: IssuerContext) async throws -> MailSetup {
        let issuer = try await context.issuer()
        // A missing or broken sender is a setup problem: refuse to start rather than fail every row.
        let host = URLComponents(string: issuer.baseURL)?.host ?? "localhost"
        let sender = from ?? issuer.email ?? "no-reply@\(host)"
        guard sender.contains("@"), !sender.contains(where: \.isWhitespace) else { throw CLIError("--from \(sender) is not an email address") }
        return try MailSetup.make(
            smtpURL: try SecretSource.resolve(option: "--smtp-url", value: smtpURL, file: smtpURLFile, environment: "ATTEST_SMTP_URL"),
            outboxFolder: context.options.directory.appendingPathComponent("outbox", isDirectory: true),
            sender: MIMEMessage.Address(name: issuer.name, address: sender), log: Self.log)
    }

    static let log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data("attest: \($0)\n".utf8)) }

    /// A worker for this issuer sending through `mail` (made from the options when `nil`), logging
    /// to standard error and telling `observer` each attempt's outcome.
    func worker(
        _ context: IssuerContext, mail: MailSetup? = nil, observer: @escaping @Sendable (DeliveryAttempt) -> Void = { _ in }
    ) async throws -> OutboxWorker {
        let setup: MailSetup
        if let mail { setup = mail } else { setup = try await mailSetup(context) }
        let endpoints = (context.settings.webhooks ?? []).map { WebhookEndpoint(url: $0.url, secret: $0.secret, events: $0.events.map(Set.init)) }
        let configuration = DeliveryConfiguration(
            senderAddress: setup.sender.address, senderName: setup.sender.name, webhookEndpoints: endpoints,
            retry: RetryPolicy(maximumAttempts: deliveryAttempts, baseDelay: TimeInterval(deliveryRetryDelay)), log: Self.log,
            observer: observer)
        return OutboxWorker(store: context.store, configuration: configuration, mailer: setup.transport)
    }
}

/// `attest deliver`: sends what the outbox holds (certificate emails, webhooks), with retries.
struct DeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Send due emails and webhooks from the outbox once (or keep going with --watch); failures are retried with back-off.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var delivery: DeliveryOptions
    @Flag(help: "Keep delivering every few seconds until interrupted.") var watch = false

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let worker = try await delivery.worker(context)
        if watch {
            // A service group of one: SIGTERM or Ctrl-C lets the message in flight finish, then stops.
            let group = ServiceGroup(
                configuration: .init(
                    services: [OutboxWorkerService(worker: worker, logger: Logger(label: "attest.outbox"))],
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: "attest.deliver")))
            try await group.run()
            return
        }
        let summary = await worker.runOnce()
        print("sent \(summary.sent), retrying later \(summary.retried), failed \(summary.failed)")
        for error in summary.storeErrors { FileHandle.standardError.write(Data("attest: \(error)\n".utf8)) }
        if summary.failed > 0 || !summary.storeErrors.isEmpty { throw ExitCode(1) }
    }
}

/// `attest resend ID [--to ADDR]`
struct ResendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resend", abstract: "Queue a credential's email again, to the learner or to another address; attest deliver sends it.")

    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The credential id.") var id: String
    @Option(help: ArgumentHelp("Send to this address instead of the learner's.", valueName: "address")) var to: String?

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let message = try await CredentialChanges(environment: context.environment, actor: "cli").resend(id, to: to)
        print("queued \(message.id) to \(message.recipient ?? "?"); run attest deliver to send it")
    }
}
