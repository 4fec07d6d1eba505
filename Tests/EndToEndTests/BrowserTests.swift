import Foundation
import Testing

/// Issue 6, what a person sees: the real `attest serve` opened in headless Chromium. Names in
/// three scripts, the banner, the passcode form, the QR code printed on the PDF followed to the
/// page, and accessibility checks that fail when a page loses its language, a label or contrast.
/// No skip when Chromium is missing: `scripts/test.sh` installs it, so a missing browser is a failure.
@Suite("attest serve in a real browser (headless Chromium)")
struct BrowserTests {
    /// Learners whose names need Vietnamese diacritics, CJK and right-to-left Arabic shaping.
    static let learners = [("vi-1", "Đỗ Thị Hương"), ("ja-1", "山田 太郎"), ("ar-1", "ليلى عبد الله")]

    /// An issuer whose public base URL is the local server, so the QR codes it prints open here.
    struct Site {
        let workspace: IssuerWorkspace
        let server: RunningServer
        /// Credential id by learner id.
        let credentials: [String: String]

        /// An issuer with one credential for each of `learners` (id, name), served on 127.0.0.1.
        init(learners: [(String, String)] = BrowserTests.learners) throws {
            // The QR codes name the public base URL, so the port is fixed before the server starts;
            // if another process takes it first, the whole site is set up again on a fresh one.
            self = try LoopbackPort.withUnusedPort { port in try Site(learners: learners, port: port) }
        }

        private init(learners: [(String, String)], port: Int) throws {
            workspace = try IssuerWorkspace()
            let initialized = try workspace.attest([
                "init", "--name", "Northwind Safety Academy", "--base-url", "http://127.0.0.1:\(port)", "--keys", workspace.keys,
            ])
            try #require(initialized.status == 0, "init: \(initialized.standardError)")
            try #require(try workspace.attest(["programs", "add", IssuerWorkspace.exampleProgram]).status == 0)
            var credentials: [String: String] = [:]
            for (learner, name) in learners {
                let issued = try workspace.attest([
                    "issue", "--program", IssuerWorkspace.programID, "--learner-id", learner, "--email", "\(learner)@example.org",
                    "--name", name, "--score", "95", "--minutes", "150", "--module", "ladders", "--module", "scaffolds", "--module",
                    "harness",
                ])
                let id = issued.standardOutput.split(separator: " ").dropFirst().first.map(String.init)
                credentials[learner] = try #require(
                    issued.standardOutput.hasPrefix("issued ") ? id : nil, "issue: \(issued.standardOutput)")
            }
            self.credentials = credentials
            server = try RunningServer(workspace, port: port)
        }

        func page(_ learner: String) -> String { "\(server.address)/c/\(credentials[learner]!)" }
    }

    @Test("the certificate page: banner, name in three scripts, page language, banner contrast")
    func certificatePages() throws {
        let site = try Site()
        var pages: [String: String] = [:]
        for (learner, name) in Self.learners {
            let dom = try HeadlessChromium.dumpDOM(site.page(learner))
            pages[learner] = dom
            #expect(dom.contains(#"<html lang="en""#), "the page must declare its language")
            #expect(dom.contains(#"<h1 id="verdict">VALID</h1>"#), "\(dom)")
            #expect(dom.contains(name), "\(name) must show as written: \(dom)")
            #expect(dom.contains("Working at Height — Level 2"))
            let state = try #require(PageChecks.bannerState(in: dom), "no banner")
            #expect(state == "valid")
            let ratio = try PageChecks.bannerContrast(state: state, css: dom)
            #expect(ratio >= 4.5, "banner state-\(state) contrast \(ratio):1")
            #expect(PageChecks.unlabelledControls(in: dom).isEmpty)
        }
        // What is on the screen: the banner's colour is the most common one after the white page, and
        // the banner text on it (from the CSS) still reads at 4.5:1.
        let screenshot = site.workspace.path("valid.png")
        try HeadlessChromium.screenshot(site.page("vi-1"), to: screenshot, width: 480, height: 320)
        let colours = try ScreenshotColours.histogram(of: screenshot)
        let shown = try #require(ScreenshotColours.dominantColour(in: colours), "a blank screenshot")
        #expect(shown == "#0b6b2f", "the banner is not the green of .state-valid: \(colours)")
        let text = try #require(PageChecks.bannerTextColour(css: pages["vi-1"] ?? ""))
        #expect(try PageChecks.contrastRatio(text, shown) >= 4.5)

        // Revoked with the CLI while the browser's server runs: a load within the page cache's lifetime
        // (--page-cache-seconds, 1 s) later shows it; polled with a generous deadline, never timed.
        let id = site.credentials["ja-1"]!
        #expect(try site.workspace.attest(["revoke", id, "--reason", "issued in error"]).status == 0)
        var revoked = try HeadlessChromium.dumpDOM(site.page("ja-1"))
        let deadline = Date().addingTimeInterval(30)
        while !revoked.contains(#"<h1 id="verdict">REVOKED</h1>"#), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            revoked = try HeadlessChromium.dumpDOM(site.page("ja-1"))
        }
        #expect(revoked.contains(#"<h1 id="verdict">REVOKED</h1>"#) && revoked.contains("山田 太郎"))
        #expect(PageChecks.bannerState(in: revoked) == "revoked")
        #expect(try PageChecks.bannerContrast(state: "revoked", css: revoked) >= 4.5)
        #expect(site.server.stop().status == 0)
    }

    @Test("every banner colour in the stylesheet has a contrast of at least 4.5:1 with the banner text")
    func everyBannerColour() async throws {
        let site = try Site(learners: [Self.learners[0]])
        let page = try await HTTPExchange.send("GET", site.page("vi-1"))
        let states = PageChecks.bannerStates(css: page.text)
        #expect(Set(states).isSuperset(of: ["valid", "revoked", "suspended", "expired"]), "states in the CSS: \(states)")
        for state in states {
            let ratio = try PageChecks.bannerContrast(state: state, css: page.text)
            #expect(ratio >= 4.5, "banner state-\(state): \(ratio):1")
        }
        #expect(site.server.stop().status == 0)
    }

    @Test("/verify: labelled form, language, and a passcode typed in leads to the certificate")
    func verifyForm() throws {
        let site = try Site(learners: [Self.learners[2]])
        let form = try HeadlessChromium.dumpDOM("\(site.server.address)/verify")
        #expect(form.contains(#"<html lang="en""#))
        #expect(form.contains(#"<input type="text" id="passcode""#) && form.contains(#"<input type="file" id="certificate""#))
        #expect(PageChecks.unlabelledControls(in: form).isEmpty, "unlabelled: \(PageChecks.unlabelledControls(in: form))")

        let id = site.credentials["ar-1"]!
        let passcode = try site.workspace.sqlite("SELECT passcode FROM credential WHERE id = '\(id)'").standardOutput
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(!passcode.isEmpty, "the credential has no passcode")
        // As typed by a person: lower case is accepted too.
        let found = try HeadlessChromium.dumpDOM("\(site.server.address)/verify?passcode=\(passcode.lowercased())")
        #expect(found.contains(#"<h1 id="verdict">VALID</h1>"#) && found.contains("ليلى عبد الله"), "\(found)")
        let wrong = try HeadlessChromium.dumpDOM("\(site.server.address)/verify?passcode=00000-00000")
        #expect(!wrong.contains(#"id="verdict""#) && wrong.contains(#"role="alert""#), "\(wrong)")
        #expect(site.server.stop().status == 0)
    }

    @Test("the QR code on the PDF, decoded by zbarimg, opens the page in the browser")
    func qrCodeToPage() throws {
        let site = try Site(learners: [Self.learners[0]])
        let id = site.credentials["vi-1"]!
        let exported = try site.workspace.attest(["credentials", "export", id, "--out", site.workspace.path("exported")])
        try #require(exported.status == 0, "export: \(exported.standardError)")
        let pdf = site.workspace.path("exported/\(id).pdf")
        let rendered = try Executables.runProgram(
            "pdftoppm", ["-r", "150", "-f", "1", "-l", "1", "-png", pdf, site.workspace.path("page")])
        try #require(rendered.status == 0, "pdftoppm: \(rendered.standardError)")
        let image = try #require(
            try FileManager.default.contentsOfDirectory(atPath: site.workspace.folder.path).first {
                $0.hasPrefix("page") && $0.hasSuffix(".png")
            })
        let decoded = try Executables.runProgram("zbarimg", ["--quiet", "--raw", site.workspace.path(image)])
        try #require(decoded.status == 0, "zbarimg found no code: \(decoded.standardError)")
        let url = decoded.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(url == site.page("vi-1"))

        let dom = try HeadlessChromium.dumpDOM(url)
        #expect(dom.contains(#"<h1 id="verdict">VALID</h1>"#) && dom.contains("Đỗ Thị Hương"), "\(dom)")
        #expect(site.server.stop().status == 0)
    }

    @Test("the checks themselves fail on a page with no language, an unlabelled field, an empty button and a pale banner")
    func checksCatchABadPage() throws {
        let folder = try Executables.temporaryDirectory()
        let page = folder.appendingPathComponent("bad.html")
        try Data(
            """
            <!doctype html><html><head><style>.banner { color: #ffffff; } .state-valid { background: #7fbf7f; }</style></head>
            <body><section class="banner state-valid"><h1 id="verdict">VALID</h1></section>
            <form><input type="text" id="passcode" name="passcode"><label>Elsewhere</label><button type="submit"> </button></form></body></html>
            """.utf8
        ).write(to: page)
        let dom = try HeadlessChromium.dumpDOM(page.absoluteString)
        #expect(!dom.contains("<html lang="))
        #expect(PageChecks.unlabelledControls(in: dom).count == 2, "\(PageChecks.unlabelledControls(in: dom))")
        #expect(try PageChecks.bannerContrast(state: "valid", css: dom) < 4.5)
        #expect(try PageChecks.bannerContrast(state: "valid", css: dom.replacingOccurrences(of: "#7fbf7f", with: "#0b6b2f")) >= 4.5)
    }
}
