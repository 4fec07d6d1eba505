import Foundation
import Hummingbird
import IssuerCore

/// The staff console under `/console`: sign-in, the pages and their forms. Generic over the
/// server's request context, so it mounts in any Hummingbird router whose context can name the
/// client (``ConsoleRequestContext``).
///
/// Each group of pages registers itself in its own file (`ConsoleRoutes+Dashboard.swift`,
/// `ConsoleRoutes+Review.swift`, …) through a `registerX(on:)` called from ``register(on:)``.
public struct ConsoleRoutes<Context: ConsoleRequestContext>: Sendable {
    /// The store, clock, randomness and keys.
    public let environment: IssuerEnvironment
    /// The issuer whose console this is.
    public let issuer: IssuerProfile
    /// Timeouts, limits, cookie and colours.
    public let configuration: ConsoleConfiguration
    /// The frame around every page.
    public let layout: ConsoleLayout
    let stylesheet: String
    let signInLimiter: SignInRateLimiter
    let reissueJobs = ProgramReissueJobs()
    let importJobs = ImportJobs()

    /// The console of `issuer`; throws only if the built-in layout does not parse.
    public init(environment: IssuerEnvironment, issuer: IssuerProfile, configuration: ConsoleConfiguration) throws {
        self.environment = environment
        self.issuer = issuer
        self.configuration = configuration
        layout = try ConsoleLayout(issuerName: issuer.name)
        stylesheet = ConsoleStylesheet.css(brand: configuration.brandColor, accent: configuration.accentColor)
        signInLimiter = SignInRateLimiter(
            perAddress: configuration.signInRequestsPerAddress, perClient: configuration.signInRequestsPerClient,
            window: configuration.signInWindow)
    }

    /// Adds every console route under `/console` to `router`.
    public func register(on router: Router<Context>) {
        let console = router.group("console").add(middleware: ConsoleErrorMiddleware<Context>(layout: layout))
        console.get { _, _ in ConsoleResponse.redirect(to: ConsoleSection.dashboard.path) }
        console.get("assets/console.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(string: stylesheet)))
        }
        registerSignIn(on: console)
        registerAccount(on: console)
        registerDashboard(on: console)
        registerReview(on: console)
        registerKeptEvents(on: console)
        registerLearners(on: console)
        registerCredentials(on: console)
        registerPrograms(on: console)
        registerReissue(on: console)
        registerTemplateFamily(on: console)
        registerTraining(on: console)
        registerImport(on: console)
        registerAudit(on: console)
        registerSettings(on: console)
        registerAPIKeys(on: console)
        registerIntegrations(on: console)
        registerRollout(on: console)
    }
}
