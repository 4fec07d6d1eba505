import Foundation
import Hummingbird
import IssuerCore
import Logging
import ServiceLifecycle
import Synchronization

extension IssuerServer {
    /// What the server did before it opened its port.
    public struct StartupReport: Sendable, Equatable {
        /// Pending credentials finished (left over from a crash or a stop mid-issuance).
        public var finishedCredentials: Int
        /// Status lists re-signed because they were past half their validity.
        public var republishedStatusLists: Int

        /// A report.
        public init(finishedCredentials: Int, republishedStatusLists: Int) {
            self.finishedCredentials = finishedCredentials
            self.republishedStatusLists = republishedStatusLists
        }
    }

    /// Finishes pending credentials and renews status lists that are older than half their
    /// validity, so a server that was down for days never serves an expired list.
    public func prepare() async throws -> StartupReport {
        let finished = try await IssuancePipeline(environment: environment, actor: "system").finishPending()
        let republished = try await renewStatusListsIfStale()
        return StartupReport(finishedCredentials: finished, republishedStatusLists: republished)
    }

    /// Re-signs every status list when any is older than half ``StatusListPublisher/validity``;
    /// returns how many were re-signed.
    public func renewStatusListsIfStale() async throws -> Int {
        let cutoff = environment.now().addingTimeInterval(-StatusListPublisher.validity / 2)
        let lists = try await environment.store.read { try $0.statusLists(purpose: nil) }
        guard lists.contains(where: { $0.signedCredentialJSON == nil || $0.updatedAt < cutoff }) else { return 0 }
        let count = try await CredentialChanges(environment: environment, actor: "system").republishStatusLists().count
        metrics.statusListsRenewed(count)
        return count
    }

    /// Serves on `host:port` until SIGTERM or SIGINT, then drains in-flight requests. Runs
    /// ``prepare()`` first, and renews stale status lists every hour while running. `onReady`
    /// gets the address the server listens on (useful with port 0), once every listener — the
    /// public one and the metrics one, if any — accepts connections. `services` (the outbox worker,
    /// the compliance scheduler) run in the server's one service group: they start with it, and
    /// at SIGTERM each is shut down gracefully once the server has drained.
    public func run(
        host: String, port: Int, logLevel: String = "info", services: [any Service] = [],
        onReady: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws {
        var logger = Logger(label: "attest.server")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let report = try await prepare()
        logger.info(
            "startup work done",
            metadata: [
                "finishedCredentials": "\(report.finishedCredentials)", "republishedStatusLists": "\(report.republishedStatusLists)",
            ])
        let renewal = StatusListRenewalService(server: self, interval: 3600, logger: logger)
        let uptime = UptimeRecorderService(environment: environment, logger: logger)
        let listening = ListenersReady(count: configuration.metricsListener == nil ? 1 : 2, onReady: onReady)
        let metricsApp = metricsApplication(logger: logger) { listening.opened(address: nil) }
        let app = Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "attest"),
            services: services + [renewal, uptime] + [metricsApp].compactMap { $0 },
            onServerRunning: { channel in listening.opened(address: "http://\(host):\(channel.localAddress?.port ?? port)") },
            logger: logger)
        try await app.runService()
    }
}

/// Calls `onReady` with the public address once `count` listeners have opened.
private final class ListenersReady: Sendable {
    private let state: Mutex<(remaining: Int, address: String?)>
    private let onReady: @Sendable (String) -> Void

    init(count: Int, onReady: @escaping @Sendable (String) -> Void) {
        state = Mutex((count, nil))
        self.onReady = onReady
    }

    /// One listener is open; `address` is the public listener's.
    func opened(address: String?) {
        let ready: String? = state.withLock { state in
            state.remaining -= 1
            if let address { state.address = address }
            return state.remaining == 0 ? state.address : nil
        }
        if let ready { onReady(ready) }
    }
}

/// Re-signs status lists before they expire, on a timer, stopping at graceful shutdown.
struct StatusListRenewalService: Service {
    let server: IssuerServer
    let interval: TimeInterval
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(interval)) }
            } catch {
                return
            }
            do {
                let count = try await server.renewStatusListsIfStale()
                if count > 0 { logger.info("status lists renewed", metadata: ["count": "\(count)"]) }
            } catch {
                logger.error("status list renewal failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
