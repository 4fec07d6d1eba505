import Foundation
import IssuerCore
import Testing

/// Links and sessions on a real SQLite file with a clock the test moves: single use, 15 minutes,
/// idle 30 minutes, absolute 12 hours, sign-out, sign-out everywhere, disabled accounts, TOTP.
@Suite("Staff sign-in and sessions")
struct StaffSignInTests {
    func member(_ fixture: ConsoleFixture, role: StaffRole = .admin) async throws -> StaffMember {
        try await StaffAccounts(environment: fixture.environment, actor: "cli").add(email: "Ana@Example.org", name: "Ana Lima", role: role)
    }

    @Test("a link works once, and not after 15 minutes")
    func linkSingleUseAndLifetime() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let signIn = StaffSignIn(environment: fixture.environment)
        let ana = try await member(fixture)
        let link = try await signIn.issueLink(to: ana)
        #expect(try await signIn.redeem(token: link.token) != nil)
        #expect(try await signIn.redeem(token: link.token) == nil)
        let late = try await signIn.issueLink(to: ana)
        fixture.clock.advance(by: 15 * 60)
        #expect(try await signIn.redeem(token: late.token) == nil)
        #expect(try await signIn.redeem(token: "not-a-token") == nil)
    }

    @Test("a session ends after 30 idle minutes, after 12 hours however busy, and at sign-out")
    func sessionTimeouts() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let signIn = StaffSignIn(environment: fixture.environment)
        let ana = try await member(fixture)
        let (idle, _) = try #require(try await signIn.redeem(token: try await signIn.issueLink(to: ana).token))
        fixture.clock.advance(by: 29 * 60)
        #expect(try await signIn.session(id: idle) != nil)
        fixture.clock.advance(by: 29 * 60)
        #expect(try await signIn.session(id: idle) != nil, "each request moves the idle deadline")
        fixture.clock.advance(by: 30 * 60)
        #expect(try await signIn.session(id: idle) == nil)

        let (busy, _) = try #require(try await signIn.redeem(token: try await signIn.issueLink(to: ana).token))
        for _ in 0..<25 {
            fixture.clock.advance(by: 29 * 60)
            _ = try await signIn.session(id: busy)
        }
        #expect(try await signIn.session(id: busy) == nil, "12 hours after sign-in")

        let (ended, _) = try #require(try await signIn.redeem(token: try await signIn.issueLink(to: ana).token))
        try await signIn.signOut(sessionID: ended)
        #expect(try await signIn.session(id: ended) == nil)
    }

    @Test("sign-out everywhere and disabling the account end every session; a disabled account gets no link")
    func everywhereAndDisabled() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let signIn = StaffSignIn(environment: fixture.environment)
        let ana = try await member(fixture)
        let (first, _) = try #require(try await signIn.redeem(token: try await signIn.issueLink(to: ana).token))
        let (second, _) = try #require(try await signIn.redeem(token: try await signIn.issueLink(to: ana).token))
        #expect(try await signIn.signOutEverywhere(ana) == 2)
        #expect(try await signIn.session(id: first) == nil)
        #expect(try await signIn.session(id: second) == nil)

        let (third, _) = try #require(try await signIn.redeem(token: try await signIn.issueLink(to: ana).token))
        let unused = try await signIn.issueLink(to: ana)
        try await StaffAccounts(environment: fixture.environment, actor: "cli").disable(email: "ana@example.org")
        #expect(try await signIn.session(id: third) == nil)
        #expect(try await signIn.redeem(token: unused.token) == nil)
        await #expect(throws: IssuerError.self) { try await signIn.issueLink(to: ana) }
    }

    @Test("links and sessions are stored only as SHA-256 hashes")
    func storedHashed() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let signIn = StaffSignIn(environment: fixture.environment)
        let ana = try await member(fixture)
        let link = try await signIn.issueLink(to: ana)
        let (sessionID, _) = try #require(try await signIn.redeem(token: link.token))
        let database = try Data(contentsOf: fixture.directory.appendingPathComponent("attest.sqlite"))
        let wal = (try? Data(contentsOf: fixture.directory.appendingPathComponent("attest.sqlite-wal"))) ?? Data()
        for secret in [link.token, sessionID] {
            #expect(database.range(of: Data(secret.utf8)) == nil && wal.range(of: Data(secret.utf8)) == nil)
            #expect(try await fixture.store.read { try $0.staffSession(idHash: StaffSecret.hash(sessionID)) } != nil)
        }
    }

    @Test("with a second factor enrolled the session waits for the code; a code works once")
    func secondFactor() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let signIn = StaffSignIn(environment: fixture.environment)
        let ana = try await member(fixture)
        let (first, _) = try #require(try await signIn.redeem(token: try await signIn.issueLink(to: ana).token))
        let secret = TOTP.makeSecret()
        let totp = TOTP(secret: secret)
        #expect(try await signIn.enrolSecondFactor(sessionID: first, secret: secret, code: "abcdef") == false)
        #expect(try await signIn.enrolSecondFactor(sessionID: first, secret: secret, code: totp.code(at: fixture.clock.now)))

        fixture.clock.advance(by: 60)
        let (second, session) = try #require(try await signIn.redeem(token: try await signIn.issueLink(to: ana).token))
        #expect(session.awaitingSecondFactor)
        let code = totp.code(at: fixture.clock.now)
        #expect(try await signIn.verifySecondFactor(sessionID: second, code: code))
        #expect(try await signIn.session(id: second)?.awaitingSecondFactor == false)
        let (third, _) = try #require(try await signIn.redeem(token: try await signIn.issueLink(to: ana).token))
        #expect(try await signIn.verifySecondFactor(sessionID: third, code: code) == false, "the same code twice")
    }

    @Test("asking for a link queues one email for an active member and nothing for an unknown address")
    func requestQueuesOnlyForMembers() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let signIn = StaffSignIn(environment: fixture.environment)
        _ = try await member(fixture)
        try await signIn.request(email: "nobody@example.org")
        try await signIn.request(email: "ana@example.org")
        try await signIn.request(email: "ANA@example.org")
        let rows = try await fixture.store.read { try $0.outboxMessages(state: .pending) }.filter { $0.event == .staffSignIn }
        #expect(rows.count == 1)
        #expect(rows.first?.recipient == "ana@example.org")
    }
}
