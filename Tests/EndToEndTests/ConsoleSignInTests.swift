import Foundation
import Testing

/// Issue 17's sign-in, sessions and safety in a real browser: the real `attest serve`, a real
/// SMTP sink, headless Chromium driven by selenium (Tests/Browser/console_checks.py), axe-core.
/// No skip when Chromium or chromedriver is missing: `scripts/setup.sh` installs them.
@Suite("Staff console sign-in in a real browser", .serialized)
struct ConsoleSignInTests {
    static let staff = [
        (email: "admin@example.org", name: "Ana Lima", role: "admin"), (email: "viewer@example.org", name: "Vera Costa", role: "viewer"),
    ]

    func run(_ scenario: String) throws -> (site: ConsoleSite, output: String) {
        let site = try ConsoleSite(staff: Self.staff)
        let result = try site.runBrowserScript("console_checks.py", [scenario])
        #expect(
            result.status == 0,
            "\(scenario): \(result.standardOutput)\n\(result.standardError.suffix(3000))\nserver: \(site.server.process.errorOutput.suffix(2000))"
        )
        return (site, result.standardOutput)
    }

    @Test(
        "an admin made with attest staff add signs in through the emailed link, sees the dashboard, signs out; the link works once; axe passes on every page and the email"
    )
    func signInAndOut() throws {
        let (site, output) = try run("sign-in")
        #expect(output.contains("ok: the link does not work a second time"))
        #expect(output.contains("ok: the sign-in email passes axe"))
        // The sign-in and sign-out are in the audit chain under the person.
        let exported = try site.attest(["audit", "export"])
        #expect(exported.standardOutput.contains("staff.signed_in"))
        #expect(exported.standardOutput.contains("staff.signed_out"))
        #expect(exported.standardOutput.contains(":admin@example.org"))
    }

    @Test("a POST without the CSRF token is 403 and changes nothing")
    func postWithoutCSRF() throws {
        let (site, output) = try run("csrf")
        #expect(output.contains("ok: adding staff without the CSRF token is 403"))
        let listed = try site.attest(["staff", "list"])
        #expect(!listed.standardOutput.contains("forged@example.org"))
    }

    @Test("an idle session goes back to sign-in, and signing in again returns to the page")
    func expiredSession() throws {
        let (_, output) = try run("expiry")
        #expect(output.contains("ok: signing in again returns to the page the person was on"))
    }

    @Test("a viewer cannot change anything: forged POSTs are 403")
    func viewerChangesNothing() throws {
        let (site, output) = try run("viewer")
        #expect(output.contains("ok: a viewer's forged POSTs are 403"))
        let listed = try site.attest(["staff", "list"])
        #expect(!listed.standardOutput.contains("forged@example.org"))
    }
}
