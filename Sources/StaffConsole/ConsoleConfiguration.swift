import Delivery
import Foundation
import IssuerCore

/// Settings of the staff console; the defaults are the ones issue 17 asks for.
public struct ConsoleConfiguration: Sendable {
    /// Whether the public base URL is https: then the session cookie is `Secure` and named with
    /// the `__Host-` prefix.
    public var secureCookies: Bool
    /// The header's background colour, `#RRGGBB` (the issuer's brand colour).
    public var brandColor: String
    /// The colour of links and focus outlines on white, `#RRGGBB`.
    public var accentColor: String
    /// Link lifetime (15 minutes), idle (30 minutes) and absolute (12 hours) session timeouts.
    public var sessions = StaffSessionPolicy()
    /// Sign-in links one address may ask for, and second-factor codes one member may try, per window.
    public var signInRequestsPerAddress = 5
    /// Sign-in requests (links and codes together) one client address may make per window.
    public var signInRequestsPerClient = 20
    /// The rate-limit window.
    public var signInWindow: TimeInterval = 15 * 60
    /// The largest form body a console POST accepts.
    public var formBodyLimit = 64 * 1024
    /// The largest program form (its fields and two images, each image at most 1 MiB, sent once
    /// as a file and once kept in the form until saved).
    public var programFormLimit = 6 * 1024 * 1024
    /// Where program logos and signatures are kept (the data folder's `assets`, which
    /// `attest programs add` copies images into and the renderer reads); `nil` = the console
    /// cannot take image uploads (it says so on the form).
    public var programImagesDirectory: URL?

    /// Settings for an issuer whose public pages are at `baseURL`.
    public init(baseURL: String, brandColor: String = "#1d3f6e", accentColor: String = "#1d70b8") {
        secureCookies = baseURL.lowercased().hasPrefix("https://")
        self.brandColor = ConsoleConfiguration.isHexColor(brandColor) ? brandColor : "#1d3f6e"
        self.accentColor = ConsoleConfiguration.isHexColor(accentColor) ? accentColor : "#1d70b8"
    }

    /// The session cookie's name: `__Host-attest_console` over https, `attest_console` otherwise.
    public var cookieName: String { secureCookies ? "__Host-attest_console" : "attest_console" }
    /// The cookie that remembers, between asking for a link and using it, which page to return to.
    public var returnCookieName: String { secureCookies ? "__Host-attest_console_next" : "attest_console_next" }
    /// A check of the audit chain beyond its hashes and signatures (the `attest` executable adds
    /// the recorded head file, as `attest audit verify` does): a problem to show, or `nil`.
    public var auditHeadCheck: (@Sendable ([AuditEntry]) -> String?)?
    /// The mail transport the server sends with (Settings → Email shows it and sends a test
    /// message through it); `nil`: the page says the console was started without one.
    public var mail: MailSetup?
    /// Rotates the signing key, audited under the actor given (the server's key store, the API's
    /// rotation); `nil` result: no writable key store. `nil`: the console offers no rotation.
    public var rotateSigningKey: (@Sendable (_ actor: String) async throws -> SigningKeyRecord?)?

    static func isHexColor(_ color: String) -> Bool {
        let bytes = Array(color.utf8)
        return bytes.count == 7 && bytes[0] == UInt8(ascii: "#") && bytes.dropFirst().allSatisfy { $0.isHexDigit }
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
