import Foundation
import TestSupport

/// One of our executables started in the background, so a test can kill it with SIGKILL at a
/// moment of its choosing, as a power cut or the OOM killer would.
final class BackgroundProcess {
    private let process = Subprocess()
    let outputURL: URL
    /// Where standard error goes when it is kept apart from standard output (else `outputURL`).
    let errorURL: URL

    /// Starts `tool` (from the build's products folder); its output goes to files in `folder`:
    /// `NAME.log`, and with `separateErrors` standard error to `NAME.err.log`. `environment` is
    /// added to this process's own.
    init(
        _ tool: String, _ arguments: [String], logsIn folder: URL, name: String, separateErrors: Bool = false,
        environment: [String: String] = [:]
    ) throws {
        outputURL = folder.appendingPathComponent("\(name).log")
        errorURL = separateErrors ? folder.appendingPathComponent("\(name).err.log") : outputURL
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        process.executableURL = Executables.binDirectory.appendingPathComponent(tool)
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let output = try FileHandle(forWritingTo: outputURL)
        process.standardOutput = output
        process.standardError = separateErrors ? try FileHandle(forWritingTo: errorURL) : output
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// SIGKILL: no handler runs, no transaction is finished, nothing is flushed.
    func kill() {
        if process.isRunning { _ = Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// SIGTERM, as a supervisor (systemd, Kubernetes) stops a service; does not wait.
    func terminate() {
        if process.isRunning { _ = Foundation.kill(process.processIdentifier, SIGTERM) }
    }

    /// Waits for a normal exit and returns the status.
    func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Whether it ended by a signal (the kill) rather than by exiting.
    var wasKilled: Bool { process.terminationReason == .uncaughtSignal }

    var output: String { (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "" }

    /// Standard error so far (the same as ``output`` unless started with `separateErrors`).
    var errorOutput: String { (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "" }
}
