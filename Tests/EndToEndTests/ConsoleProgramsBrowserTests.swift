import Foundation
import Testing

/// Issue 18's Programs pages in a real browser: the real `attest serve`, an administrator made
/// with `attest staff add --print-link`, headless Chromium driven by selenium
/// (Tests/Browser/console_programs.py), axe-core and 390 px on every page. The program the browser
/// saved is then read back with `attest programs show`: version 2, the achievement template, the
/// logo kept in the data folder under the name the program gives.
@Suite("Staff console programs in a real browser", .serialized)
struct ConsoleProgramsBrowserTests {
    @Test(
        "an admin adds a program with a logo and a template, the preview follows the sample name, edits make version 2, bad uploads are refused"
    )
    func programsFromTheBrowser() throws {
        let site = try ConsoleSite(staff: [])
        let added = try site.attest([
            "staff", "add", "--email", "admin@example.org", "--name", "Ana Lima", "--role", "admin", "--print-link",
        ])
        try #require(added.status == 0, "\(added.standardError)")
        let link = try #require(added.standardOutput.split(separator: "\n").last.map(String.init), "\(added.standardOutput)")
        let files = FileManager.default.temporaryDirectory.appendingPathComponent("attest-uploads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: files) }

        let result = try site.runBrowserScript("console_programs.py", ["--link", link, "--files", files.path])
        #expect(
            result.status == 0,
            "\(result.standardOutput)\n\(result.standardError.suffix(3000))\nserver: \(site.server.process.errorOutput.suffix(2000))")
        let output = result.standardOutput
        for check in [
            "the programs list passes axe", "the empty form passes axe", "the preview shows the certificate and the email",
            "the preview image changes with the sample name (4 different PNGs)", "saved as version 1", "the change form passes axe",
            "the change is saved as version 2", "the program is disabled and enabled again from its page",
            "an SVG with a script is refused beside the logo field",
            "a text file named .png is refused beside the logo field",
        ] {
            #expect(output.contains("ok: \(check)"), "\(output)")
        }

        let shown = try site.attest(["programs", "show", "first-aid-at-work"])
        try #require(shown.status == 0, "\(shown.standardError)")
        let program = try #require(try JSONSerialization.jsonObject(with: Data(shown.standardOutput.utf8)) as? [String: Any])
        #expect(program["version"] as? Int == 2)
        #expect(program["template"] as? String == "achievement")
        #expect((program["achievement"] as? [String: Any])?["name"] as? String == "First Aid at Work (2027)")
        let branding = try #require(program["branding"] as? [String: Any])
        let logo = try #require(branding["logo"] as? String)
        #expect(logo.hasPrefix("console/") && logo.hasSuffix(".svg"))
        let kept = site.workspace.path("data/assets/\(logo)")
        let bytes = try #require(FileManager.default.contents(atPath: kept), "the logo is not in the data folder at \(kept)")
        #expect(String(decoding: bytes, as: UTF8.self).contains("<circle"))
        // Nothing of the refused uploads was kept: the one kept image is the logo.
        let folder = (kept as NSString).deletingLastPathComponent
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") } == [
                (logo as NSString).lastPathComponent
            ])
        // The program issues with its logo: the certificate is drawn from the stored files.
        let issued = try site.attest([
            "issue", "--program", "first-aid-at-work", "--learner-id", "u-9", "--email", "u9@example.org", "--name", "王小明", "--score", "91",
        ])
        #expect(issued.status == 0 && issued.standardOutput.hasPrefix("issued "), "\(issued.standardOutput) \(issued.standardError)")
    }
}
