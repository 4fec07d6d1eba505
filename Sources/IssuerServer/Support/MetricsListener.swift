import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Where `/metrics` is served when it has its own listener (`attest serve --metrics-bind
/// 127.0.0.1:9100`): then the public listener answers `/metrics` with 404.
public struct MetricsListener: Sendable, Hashable {
    /// The host or IP address to bind, e.g. `127.0.0.1` or `::1`.
    public var host: String
    /// The TCP port.
    public var port: Int

    /// A listener on `host:port`.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT` or `[IPv6]:PORT`; `nil` when either part is missing or the port is not 1-65535.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65_535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains("/") else { return nil }
        self.init(host: host, port: port)
    }
}

extension IssuerServer {
    /// The router of the separate metrics listener: `GET /metrics` alone (the token, if one is
    /// set, is still asked for).
    func metricsRouter() -> Router<IssuerRequestContext> {
        let router = Router(context: IssuerRequestContext.self)
        router.add(middleware: ProblemMiddleware(pages: pages))
        router.get("metrics") { request, context in
            try authorizeMetrics(request, onMetricsListener: true)
            return await metricsResponse(logger: context.logger)
        }
        return router
    }

    /// The exposition, with the gauges counted now.
    func metricsResponse(logger: Logger) async -> Response {
        do { try await metrics.refreshOutbox(from: environment.store) } catch {
            logger.error("could not count the outbox for /metrics", metadata: ["error": "\(error)"])
        }
        return Response.bytes(metrics.exposition(), contentType: "text/plain; version=0.0.4", headers: [.cacheControl: "no-store"])
    }

    /// The metrics listener's application, when ``Configuration/metricsListener`` is set; it runs
    /// in the server's service group and calls `onRunning` once it accepts connections.
    func metricsApplication(logger: Logger, onRunning: @escaping @Sendable () -> Void) -> (any Service)? {
        guard let listener = configuration.metricsListener else { return nil }
        return Application(
            router: metricsRouter(),
            configuration: ApplicationConfiguration(address: .hostname(listener.host, port: listener.port), serverName: "attest"),
            onServerRunning: { _ in onRunning() },
            logger: logger)
    }
}
