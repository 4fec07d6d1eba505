import Foundation
import Hummingbird
import IssuerCore
import Logging

/// The issuer on HTTP: public verification pages, status lists, the did:web document, and the
/// API under `/api/v1`. Everything it needs comes in through ``IssuerEnvironment`` (store, clock,
/// keys), so tests run it on a temporary database with a fixed clock; there is no global state.
public struct IssuerServer: Sendable {
    /// Limits and settings of the HTTP edge.
    public struct Configuration: Sendable {
        /// The largest JSON body the API accepts.
        public var jsonBodyLimit: Int
        /// The largest certificate (PDF or JSON) `POST /verify` accepts.
        public var uploadLimit: Int
        /// How many `/verify` lookups and uploads one client address may make per minute.
        public var lookupsPerMinute: Int
        /// How many such lookups all clients together may make per minute.
        public var globalLookupsPerMinute = 600
        /// How many unknown ids one client may ask `/c/{id}` for per minute.
        public var credentialMissesPerMinute = 20
        /// How many unknown ids all clients together may ask `/c/{id}` for per minute.
        public var globalCredentialMissesPerMinute = 300
        /// How many uploads are read and checked at once; more are answered 503.
        public var concurrentUploads = 4
        /// How long one upload may take, body and checks together, before a 408.
        public var uploadTimeout: Duration = .seconds(120)
        /// Who the client is behind trusted proxies (by default: the TCP peer).
        public var clientAddresses = ClientAddressResolver()
        /// The bearer token `/metrics` asks for; `nil` turns `/metrics` off.
        public var metricsToken: String?
        /// A separate listener for `/metrics` (then the public one does not serve it); `nil` serves it
        /// on the public listener, behind ``metricsToken``.
        public var metricsListener: MetricsListener?
        /// How long a rendered verification page is reused (`VerificationPageCache`); zero renders every request.
        /// - Warning: a revocation shows on the page within this time, not at once. `attest serve` uses one second.
        public var verificationPageCacheLifetime: Duration = .zero
        /// Whether OpenID4VCI issuance (metadata, offers, `/token`, `/nonce`, `/credential`,
        /// `/deferred_credential`) is served.
        public var openID4VCI = true
        /// Lifetimes and limits of OpenID4VCI issuance.
        public var openID4VCIPolicy = OpenID4VCIPolicy()
        /// How many `/token` and `/nonce` requests one client address may make per minute (twenty
        /// times as many for all clients together).
        public var openID4VCIRequestsPerMinute = 30

        /// Settings; the defaults suit a public deployment.
        public init(jsonBodyLimit: Int = 256 * 1024, uploadLimit: Int = 8 * 1024 * 1024, lookupsPerMinute: Int = 30) {
            self.jsonBodyLimit = jsonBodyLimit
            self.uploadLimit = uploadLimit
            self.lookupsPerMinute = lookupsPerMinute
        }
    }

    /// The store, clock, randomness and keys the server works with.
    public let environment: IssuerEnvironment
    /// The issuer whose pages these are.
    public let issuer: IssuerProfile
    /// Limits of the HTTP edge.
    public let configuration: Configuration
    /// Where `POST /api/v1/keys/rotate` makes new keys; `nil` refuses rotation over HTTP.
    public let keyMaker: (any SigningKeyMaker)?
    let pages: PageRenderer
    let lookupLimiter: LookupRateLimiter
    let credentialMissLimiter: LookupRateLimiter
    let uploadGate: UploadGate
    let metrics = ServerMetrics()
    let signatureChecks = SignatureCheckCache()
    let pageCache: VerificationPageCache
    let engagement: EngagementRecorder
    /// More routes to add after the server's own (the `attest` executable mounts the staff console here).
    public var extraRoutes: @Sendable (Router<IssuerRequestContext>) -> Void = { _ in }

    /// A server for `issuer`; throws only if the built-in page templates do not parse.
    public init(
        environment: IssuerEnvironment, issuer: IssuerProfile, configuration: Configuration = Configuration(),
        keyMaker: (any SigningKeyMaker)? = nil
    ) throws {
        self.environment = environment
        self.issuer = issuer
        self.configuration = configuration
        self.keyMaker = keyMaker
        pages = try PageRenderer()
        lookupLimiter = LookupRateLimiter(perMinute: configuration.lookupsPerMinute, globalPerMinute: configuration.globalLookupsPerMinute)
        credentialMissLimiter = LookupRateLimiter(
            perMinute: configuration.credentialMissesPerMinute, globalPerMinute: configuration.globalCredentialMissesPerMinute)
        uploadGate = UploadGate(maximum: configuration.concurrentUploads, timeout: configuration.uploadTimeout)
        pageCache = VerificationPageCache(lifetime: configuration.verificationPageCacheLifetime)
        engagement = EngagementRecorder(environment: environment, metrics: metrics)
    }

    /// Every route, behind the error mapping that turns failures into problem documents or pages.
    public func router() -> Router<IssuerRequestContext> {
        let router = Router(context: IssuerRequestContext.self)
        // Outside the rest, so it sees the status ProblemMiddleware answered with.
        router.add(middleware: HTTPMetricsMiddleware(series: metrics.http))
        // Outermost, so error pages made by ProblemMiddleware get the headers too.
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ProblemMiddleware(pages: pages))
        router.add(middleware: ClientAddressMiddleware(resolver: configuration.clientAddresses))
        PublicRoutes(server: self).register(on: router)
        VerifyRoutes(server: self).register(on: router)
        APIRoutes(server: self).register(on: router.group("api/v1"))
        AdminRoutes(server: self).register(on: router.group("api/v1"))
        VCAPIRoutes(server: self).register(on: router)
        WalletExchangeRoutes(server: self).register(on: router)
        WalletOfferRoutes(server: self).register(on: router)
        LearnerPortalRoutes(server: self).register(on: router)
        TrainingRoutes(server: self).register(on: router.group("api/v1"))
        if configuration.openID4VCI {
            let openID4VCI = OpenID4VCIRoutes(server: self)
            openID4VCI.register(on: router)
            openID4VCI.registerOffers(on: router)
        }
        extraRoutes(router)
        return router
    }

    /// The HTTP application listening on `host:port`; run it with `runService()`.
    public func application(host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "attest"),
            logger: logger)
    }
}

/// The request context of every route: Hummingbird's core storage plus the API key that
/// authenticated the request, if any.
public struct IssuerRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, parameters).
    public var coreContext: CoreRequestContextStorage
    /// The API key of an authenticated `/api/v1` request.
    public var apiKey: APIKeyRecord?
    /// The client's IP address, for rate limits: the TCP peer, or the client a trusted proxy names
    /// (set by ``ClientAddressMiddleware``); `unknown` when the transport has none.
    public var clientAddress: String

    /// A context for one request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        apiKey = nil
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}
