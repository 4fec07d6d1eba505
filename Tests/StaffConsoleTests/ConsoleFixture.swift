import Ed25519
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import SQLiteStore
import StaffConsole
import Synchronization
import VerifiableCredentials

/// The request context of the console's tests: what `IssuerRequestContext` gives the console in `attest serve`.
struct ConsoleTestContext: ConsoleRequestContext {
    var coreContext: CoreRequestContextStorage
    var clientAddress: String

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}

/// An issuer on a temporary SQLite file with a clock tests move, and the console over it.
struct ConsoleFixture {
    static let start = DateTimeStamp.parse("2026-11-23T09:00:00Z")!
    let directory: URL
    let store: SQLiteIssuerStore
    let clock = TestClock(start)
    let environment: IssuerEnvironment
    let issuer: IssuerProfile
    let console: ConsoleRoutes<ConsoleTestContext>

    init(baseURL: String = "https://certs.example.org", configure: (inout ConsoleConfiguration) throws -> Void = { _ in }) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("attest-console-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteIssuerStore(path: directory.appendingPathComponent("attest.sqlite").path)
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 3, count: 32))
        let clock = self.clock
        environment = IssuerEnvironment(
            store: store, now: { clock.now }, random: SeededRandomSource(seed: 7), keys: InMemoryKeyProvider(keys: ["key-1": key]))
        issuer = IssuerProfile(
            did: try IssuerProfile.didWeb(forBaseURL: baseURL), name: "Example <Safety> Training", baseURL: baseURL,
            email: "certs@example.org", createdAt: Self.start)
        let issuer = self.issuer
        try await store.write { transaction in
            try transaction.saveIssuer(issuer)
            try transaction.saveSigningKey(
                SigningKeyRecord(
                    id: "key-1", publicKeyMultibase: Multikey.encode(key.publicKey), fileName: "key-1.pem", createdAt: Self.start))
        }
        var configuration = ConsoleConfiguration(baseURL: baseURL)
        try configure(&configuration)
        console = try ConsoleRoutes(environment: environment, issuer: issuer, configuration: configuration)
    }

    /// The console in an application for `HummingbirdTesting`.
    func application() -> some ApplicationProtocol {
        let router = Router(context: ConsoleTestContext.self)
        console.register(on: router)
        return Application(router: router)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

/// A signed-in member of staff for route tests: send `headers` (the session cookie) with every
/// request and `csrf` in every form.
struct SignedInStaff {
    let member: StaffMember
    let cookie: String
    let csrf: String

    /// The `Cookie` header of the session.
    var headers: HTTPFields { [.cookie: cookie] }

    /// Headers for a form post: the cookie and the urlencoded content type.
    var formHeaders: HTTPFields { [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"] }

    /// `fields` urlencoded, with the CSRF token added unless `withCSRF` is false.
    func form(_ fields: [(String, String)], withCSRF: Bool = true) -> ByteBuffer {
        let all = (withCSRF ? [("csrf", csrf)] : []) + fields
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return ByteBuffer(
            string: all.map {
                "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)"
            }
            .joined(separator: "&"))
    }
}

extension ConsoleFixture {
    /// Adds a member with `role` (as `attest staff add` does) and signs them in through a link,
    /// as the browser would; the session is complete (no second factor).
    func signIn(role: StaffRole, email: String? = nil, name: String = "Ana Lima") async throws -> SignedInStaff {
        let member = try await StaffAccounts(environment: environment, actor: "cli").add(
            email: email ?? "\(role.rawValue)@example.org", name: name, role: role)
        let signIn = StaffSignIn(environment: environment, policy: console.configuration.sessions)
        let link = try await signIn.issueLink(to: member)
        guard let (sessionID, session) = try await signIn.redeem(token: link.token) else { throw SignInFailed() }
        return SignedInStaff(member: member, cookie: "\(console.configuration.cookieName)=\(sessionID)", csrf: session.record.csrfToken)
    }

    struct SignInFailed: Error {}
}
