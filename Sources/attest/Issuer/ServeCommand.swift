import ArgumentParser
import Delivery
import Foundation
import IssuerCore
import IssuerServer
import Logging
import ServiceLifecycle
import StaffConsole

/// `attest serve`: the issuer on HTTP — verification pages, status lists, did:web and the API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve verification pages, status lists, the DID document and the API.",
        discussion: """
            Finishes any credential left pending, renews status lists past half their validity,
            then listens until SIGTERM or Ctrl-C, letting requests in flight finish. Changes made
            with other attest commands on the same data folder show at once, on verification pages
            within --page-cache-seconds (one second unless told otherwise). The outbox worker
            runs beside the server and sends certificate emails and webhooks (--smtp-url; without
            one, emails are written as .eml files to DATA/outbox).
            """)

    @OptionGroup var data: DataOptions
    @OptionGroup var delivery: DeliveryOptions
    @OptionGroup var edge: EdgeOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Option(help: "Seconds between compliance scheduler ticks (training expiries and reminders; see Spec/compliance.md).")
    var complianceInterval: Double = 60

    /// - Warning: the limit guards the passcode space; raise it only for tests or behind a proxy that limits.
    @Option(help: "How many /verify lookups and uploads one client address may make per minute.")
    var verifyLookupsPerMinute: Int = IssuerServer.Configuration().lookupsPerMinute

    /// - Warning: a revocation shows on verification pages within this time, not at once.
    @Option(help: "Seconds a rendered verification page is reused, 0–60 (0: every request renders); a revocation shows within it.")
    var pageCacheSeconds: Double = 1

    @Flag(
        name: .customLong("oid4vci"), inversion: .prefixedNo,
        help: "Serve OpenID4VCI 1.0 issuance to wallets: metadata, offers, /token, /nonce, /credential, /deferred_credential.")
    var openID4VCI = true

    func validate() throws {
        guard (0...60).contains(pageCacheSeconds) else { throw ValidationError("--page-cache-seconds must be 0–60") }
        guard complianceInterval > 0 else { throw ValidationError("--compliance-interval must be more than 0 seconds") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535") }
        guard verifyLookupsPerMinute >= 1 else { throw ValidationError("--verify-lookups-per-minute must be at least 1") }
        guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        let context = try await IssuerContext.open(data)
        let issuer = try await context.issuer()
        var configuration = IssuerServer.Configuration(lookupsPerMinute: verifyLookupsPerMinute)
        try edge.apply(to: &configuration)
        configuration.verificationPageCacheLifetime = .milliseconds(Int((pageCacheSeconds * 1000).rounded()))
        configuration.openID4VCI = openID4VCI
        var mounted = try IssuerServer(
            environment: context.environment, issuer: issuer, configuration: configuration,
            keyMaker: PEMKeyStore(directory: URL(fileURLWithPath: context.settings.keyStore), passphrase: try data.passphrase.resolve()))
        var consoleConfiguration = ConsoleConfiguration(baseURL: issuer.baseURL)
        consoleConfiguration.programImagesDirectory = data.assetsDirectory  // where programs add copies images and the renderer reads them
        // Settings → Email shows the transport the worker sends with; Settings → Signing keys rotates as the API does.
        let mail = try await delivery.mailSetup(context)
        consoleConfiguration.mail = mail
        let keyServer = mounted
        consoleConfiguration.rotateSigningKey = { try await keyServer.rotateSigningKey(actor: $0) }
        let console = try ConsoleRoutes<IssuerRequestContext>(
            environment: context.environment, issuer: issuer, configuration: consoleConfiguration)
        mounted.extraRoutes = { console.register(on: $0) }
        let server = mounted
        let worker = try await delivery.worker(context, mail: mail) { server.observeDelivery($0) }
        // One service group: the worker and the scheduler start with the server and, at SIGTERM,
        // stop once it has drained — the worker after the message in flight, never mid-send.
        // The compliance scheduler and the work scheduler: one lock, a work name each.
        let workLock = data.exclusiveWorkLock(for: context.store.base)
        let services: [any Service] = [
            OutboxWorkerService(worker: worker, logger: logger("attest.outbox")),
            ComplianceSchedulerService(
                scheduler: complianceScheduler(context), logger: logger("attest.compliance"),
                lock: workLock),
            WorkSchedulerService(
                scheduler: WorkScheduler(environment: context.environment, interval: .milliseconds(Int(complianceInterval * 1000))) {
                    FileHandle.standardError.write(Data("attest: \($0)\n".utf8))
                }, logger: logger("attest.schedules"), lock: workLock),
        ]
        try await serve(server, issuer: issuer, services: services)
    }

    private func logger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        return logger
    }

    private func serve(_ server: IssuerServer, issuer: IssuerProfile, services: [any Service]) async throws {
        try await server.run(host: host, port: port, logLevel: logLevel, services: services) { address in
            let token = server.configuration.metricsToken == nil ? "no token" : "bearer token"
            let metrics =
                if let listener = server.configuration.metricsListener {
                    "http://\(listener.host.contains(":") ? "[\(listener.host)]" : listener.host):\(listener.port)/metrics (\(token))"
                } else {
                    server.configuration.metricsToken == nil ? "off (no --metrics-token)" : "\(address)/metrics (bearer token)"
                }
            // Written unbuffered, so a supervisor or a test reading the pipe sees it at once.
            FileHandle.standardOutput.write(
                Data(
                    """
                    attest serves \(issuer.name) at \(address)
                      verification pages  \(address)/c/{id}   (public address \(issuer.baseURL)/c/{id})
                      verify by passcode  \(address)/verify
                      DID document        \(address)/.well-known/did.json
                      status lists        \(address)/status/{list}
                      health              \(address)/health
                      metrics             \(metrics)
                      API                 \(address)/api/v1 (keys: attest api-keys create)
                      staff console       \(address)/console (first admin: attest staff add)
                    Stop with Ctrl-C or SIGTERM.

                    """.utf8))
        }
    }

    /// Training expiries suspend compliance certificates within one tick of `--compliance-interval`.
    private func complianceScheduler(_ context: IssuerContext) -> ComplianceScheduler {
        ComplianceScheduler(environment: context.environment, interval: .milliseconds(Int(complianceInterval * 1000))) {
            FileHandle.standardError.write(Data("attest: \($0)\n".utf8))
        }
    }
}
