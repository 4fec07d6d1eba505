import ArgumentParser
import Foundation
import IssuerCore
import IssuerServer

/// `attest serve` options for the public edge: who the client is behind a proxy, the global
/// ceiling on public lookups, and who may scrape `/metrics`.
struct EdgeOptions: ParsableArguments {
    /// - Warning: list only proxies that write the forwarding header themselves; anyone else in
    ///   these ranges could claim any client address.
    @Option(
        name: .customLong("trusted-proxy"),
        help: ArgumentHelp(
            "A proxy (CIDR, e.g. 127.0.0.1/32 or 2001:db8::/48; repeatable) whose forwarding header names the client, for rate limits.",
            valueName: "cidr"))
    var trustedProxies: [String] = []

    @Option(
        name: .customLong("forwarded-header"),
        help: ArgumentHelp("The header trusted proxies write: x-forwarded-for or forwarded (RFC 7239).", valueName: "name"))
    var forwardedHeader: String = ForwardedHeader.xForwardedFor.rawValue

    @Option(help: "How many /verify, /credentials/verify and /learner/login requests all clients together may make per minute.")
    var globalLookupsPerMinute: Int = IssuerServer.Configuration().globalLookupsPerMinute

    /// - Warning: the miss limits guard the credential id space; raise them only for tests.
    @Option(help: "How many unknown /c/{id} ids one client may ask for per minute (known ids are never limited).")
    var credentialMissesPerMinute: Int = IssuerServer.Configuration().credentialMissesPerMinute

    @Option(help: "How many unknown /c/{id} ids all clients together may ask for per minute.")
    var globalCredentialMissesPerMinute: Int = IssuerServer.Configuration().globalCredentialMissesPerMinute

    @Option(
        name: .customLong("metrics-token"),
        help: ArgumentHelp(
            "The bearer token /metrics asks for; default $ATTEST_METRICS_TOKEN. Without one, /metrics is off.", valueName: "token"))
    var metricsToken: String?

    @Option(
        name: .customLong("metrics-token-file"),
        help: ArgumentHelp("Read the metrics token from the first line of this file.", valueName: "file"))
    var metricsTokenFile: String?

    @Option(
        name: .customLong("metrics-bind"),
        help: ArgumentHelp(
            "Serve /metrics on its own listener (e.g. 127.0.0.1:9100 or [::1]:9100) and not on the public one; the token, if given, is still asked for.",
            valueName: "host:port"))
    var metricsBind: String?

    func validate() throws {
        for proxy in trustedProxies where IPAddressRange(proxy) == nil {
            throw ValidationError("--trusted-proxy \(proxy) is not an IPv4 or IPv6 CIDR block like 10.0.0.0/8 or fd00::/8")
        }
        guard ForwardedHeader(rawValue: forwardedHeader.lowercased()) != nil else {
            throw ValidationError("--forwarded-header must be x-forwarded-for or forwarded")
        }
        guard globalLookupsPerMinute >= 1 else { throw ValidationError("--global-lookups-per-minute must be at least 1") }
        guard credentialMissesPerMinute >= 1, globalCredentialMissesPerMinute >= 1 else {
            throw ValidationError("--credential-misses-per-minute and --global-credential-misses-per-minute must be at least 1")
        }
        if let metricsBind, MetricsListener(metricsBind) == nil {
            throw ValidationError("--metrics-bind \(metricsBind) is not HOST:PORT like 127.0.0.1:9100 or [::1]:9100")
        }
        if metricsToken != nil && metricsTokenFile != nil {
            throw ValidationError("give --metrics-token or --metrics-token-file, not both")
        }
    }

    /// These settings on top of `configuration`.
    func apply(to configuration: inout IssuerServer.Configuration) throws {
        configuration.clientAddresses = ClientAddressResolver(
            trustedProxies: trustedProxies.compactMap { IPAddressRange($0) },
            header: ForwardedHeader(rawValue: forwardedHeader.lowercased()) ?? .xForwardedFor)
        configuration.globalLookupsPerMinute = globalLookupsPerMinute
        configuration.credentialMissesPerMinute = credentialMissesPerMinute
        configuration.globalCredentialMissesPerMinute = globalCredentialMissesPerMinute
        let token = try SecretSource.resolve(
            option: "--metrics-token", value: metricsToken, file: metricsTokenFile, environment: "ATTEST_METRICS_TOKEN")
        if let token, token.utf8.count < 16 { throw CLIError("the metrics token must be at least 16 characters") }
        configuration.metricsToken = token
        configuration.metricsListener = metricsBind.flatMap { MetricsListener($0) }
    }
}
