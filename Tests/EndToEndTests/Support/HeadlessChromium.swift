import Foundation
import TestSupport
import Testing

/// Debian's `chromium` in headless mode: loads a page as a browser does (HTML parsed, CSS applied,
/// redirects followed) and gives back the DOM it ended with, or a screenshot.
enum HeadlessChromium {
    /// The browser's path, or nil when none is installed (`scripts/setup.sh` installs `chromium`).
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Why a browser test fails on a machine without Chromium (never a skip: the test command installs it).
    static let missingReason = "chromium is not installed: run scripts/setup.sh (it installs the Debian package chromium)"

    /// Flags for a root user in a container with no display and no GPU; a fresh profile per run.
    /// Every run is wrapped in `timeout 60`, so a page that never finishes loading fails the test
    /// instead of hanging the suite.
    private static func flags(profile: TemporaryDirectory) -> [String] {
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(profile.path("profile"))", "--lang=en-GB", "--virtual-time-budget=5000",
        ]
    }

    /// The DOM after the page at `url` loaded, serialized (`--dump-dom`).
    static func dumpDOM(_ url: String) throws -> String {
        let profile = try TemporaryDirectory()
        let result = try ExternalTool.run(["timeout", "60", try requireBrowser()] + flags(profile: profile) + ["--dump-dom", url])
        guard result.status == 0, result.standardOutput.contains("<html") else {
            throw BrowserFailed(description: "chromium --dump-dom \(url) exited \(result.status): \(result.standardError.suffix(2000))")
        }
        return result.standardOutput
    }

    /// A PNG screenshot of the page at `url` in a window `width`×`height`, written to `file`.
    static func screenshot(_ url: String, to file: String, width: Int = 1000, height: Int = 800) throws {
        let profile = try TemporaryDirectory()
        let result = try ExternalTool.run(
            ["timeout", "60", try requireBrowser()] + flags(profile: profile) + [
                "--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(file)", url,
            ])
        guard result.status == 0, FileManager.default.fileExists(atPath: file) else {
            throw BrowserFailed(description: "chromium --screenshot \(url) exited \(result.status): \(result.standardError.suffix(2000))")
        }
    }

    private static func requireBrowser() throws -> String {
        guard let path else { throw BrowserFailed(description: missingReason) }
        return path
    }

    struct BrowserFailed: Error, CustomStringConvertible {
        let description: String
    }
}
